package io.kairos.scheduler.boot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.task.TaskAction;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's {@link ObservationRegistry} (as Spring Boot's actuator provides) gets an observation per run.
 */
class KairosObservationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class));

    @Test
    void runsAreObservedWithTheApplicationsRegistry() {
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName() + " " + context.getLowCardinalityKeyValue("task").getValue());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        this.runner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.taskRegistry().register("observed", (TaskAction) () -> { });
            scheduler.addJob(JobRequest.of("observed").id("o").trigger(Map.of("type", "date")));
            await().until(() -> observed.size() == 1);
            assertThat(observed).containsExactly("kairos.job.run observed");
        });
    }
}
