package io.kairos.scheduler;

import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.task.TaskAction;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each run time is a Micrometer Observation when the scheduler has an observation registry.
 */
class SchedulerObservationTests {

    private final ObservationRegistry registry = ObservationRegistry.create();

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    private final List<Observation> currentInTask = new CopyOnWriteArrayList<>();

    private Scheduler scheduler;

    @AfterEach
    void stop() {
        if (this.scheduler != null) {
            this.scheduler.close();
        }
    }

    private void start() {
        this.registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                SchedulerObservationTests.this.stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        this.scheduler = Scheduler.builder().observationRegistry(this.registry).executor("pool", new ThreadPoolJobExecutor(1, 0))
            .build();
        this.scheduler.taskRegistry().register("works", (TaskAction) () -> this.currentInTask.add(this.registry.getCurrentObservation()));
        this.scheduler.taskRegistry().register("fails", (TaskAction) () -> {
            throw new IllegalStateException("card declined");
        });
        this.scheduler.start();
    }

    @Test
    void eachRunIsAnObservationWithItsKeysCurrentWhileTheTaskRuns() {
        start();
        this.scheduler.addJob(JobRequest.of("works").id("ok-1").executor("pool").trigger(Map.of("type", "date")));
        await().until(() -> this.stopped.size() == 1);
        Observation.Context context = this.stopped.get(0);
        assertThat(context.getName()).isEqualTo("kairos.job.run");
        assertThat(context.getContextualName()).isEqualTo("kairos run works");
        assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(KeyValue.of("task", "works"),
                KeyValue.of("executor", "pool"), KeyValue.of("store", "default"), KeyValue.of("outcome", "succeeded"));
        assertThat(context.getHighCardinalityKeyValues()).containsExactlyInAnyOrder(KeyValue.of("job.id", "ok-1"),
                KeyValue.of("attempt", "1"));
        assertThat(context.getError()).isNull();
        assertThat(context.getParentObservation()).as("a run is a new trace").isNull();
        assertThat(this.currentInTask).singleElement().satisfies((current) -> assertThat(current.getContext()).isSameAs(context));
    }

    @Test
    void aFailedRunRecordsItsErrorAndTheWorkerThreadKeepsNoObservation() {
        start();
        this.scheduler.addJob(JobRequest.of("fails").id("bad").executor("pool").trigger(Map.of("type", "date")));
        await().until(() -> this.stopped.size() == 1);
        assertThat(this.stopped.get(0).getError()).isInstanceOf(IllegalStateException.class).hasMessage("card declined");
        assertThat(this.stopped.get(0).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failed");
        // the next run on the same (only) worker thread sees no leftover observation as its parent
        this.scheduler.addJob(JobRequest.of("works").id("ok-2").executor("pool").trigger(Map.of("type", "date")));
        await().until(() -> this.stopped.size() == 2);
        assertThat(this.stopped.get(1).getParentObservation()).isNull();
        assertThat(this.currentInTask).singleElement().satisfies((current) -> assertThat(current.getContext()).isSameAs(this.stopped.get(1)));
    }

    @Test
    void aTimedOutRunEndsItsObservationAtTheTimeout() {
        start();
        this.scheduler.taskRegistry().register("hangs", (TaskAction) () -> {
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        this.scheduler.addJob(JobRequest.of("hangs").id("slow").executor("pool").timeout(Duration.ofMillis(100)).trigger(Map.of("type", "date")));
        await().until(() -> this.stopped.size() == 1);
        assertThat(this.stopped.get(0).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("timed_out");
        this.scheduler.addJob(JobRequest.of("works").id("after").executor("pool").trigger(Map.of("type", "date")));
        await().until(() -> this.stopped.size() == 2);
        assertThat(this.stopped.get(1).getParentObservation()).as("the timed-out run's scope was left on its thread").isNull();
    }
}
