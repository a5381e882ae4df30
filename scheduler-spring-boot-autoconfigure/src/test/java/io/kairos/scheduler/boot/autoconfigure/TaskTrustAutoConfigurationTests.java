package io.kairos.scheduler.boot.autoconfigure;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.boot.annotation.KairosTask;
import io.kairos.scheduler.event.JobBroken;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.AllowedPackages;
import io.kairos.scheduler.task.TaskNotAllowedException;
import io.kairos.scheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Which code task names reach in a Spring application: the application's own package (Spring Boot's
 * auto-configuration package) by default, or {@code kairos.tasks.allowed-packages}; annotated methods always;
 * nothing else, whether the name comes from {@code addJob} or from a stored job.
 */
class TaskTrustAutoConfigurationTests {

    private static final String OWN_PACKAGE = TaskTrustAutoConfigurationTests.class.getPackageName();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class))
        .withUserConfiguration(Application.class);

    @Test
    void theApplicationsPackageIsAllowedByDefaultAndNothingElse() {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.taskRegistry().allowedPackages().packages()).containsExactly(OWN_PACKAGE);

            scheduler.addJob(JobRequest.of("reports.rebuild").id("own"));
            assertThatExceptionOfType(TaskNotAllowedException.class)
                .isThrownBy(() -> scheduler.addJob(JobRequest.of("names.clear").id("library")))
                .withMessageContaining("the bean's class 'java.util.ArrayList' is outside the allowed task packages ["
                        + OWN_PACKAGE + "]");
            assertThatExceptionOfType(TaskNotAllowedException.class)
                .isThrownBy(() -> scheduler.addJob(JobRequest.of("java.nio.file.Files::delete").args("/tmp/x")))
                .withMessageContaining("class 'java.nio.file.Files' is outside the allowed task packages [" + OWN_PACKAGE + "]");
        });
    }

    @Test
    void aStoredJobNamingABeanMethodOutsideTheAllowedPackagesIsMarkedBrokenAndNeverRun() {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            List<JobBroken> broken = new CopyOnWriteArrayList<>();
            scheduler.addListener(JobBroken.class, broken::add);
            @SuppressWarnings("unchecked")
            List<String> names = context.getBean("names", List.class);
            names.add("kept");
            Instant now = Instant.now();
            JobStore store = scheduler.jobStores().get("default");
            store.addJob(new StoredJob("rewritten", "rewritten", "names.clear", List.of(), Map.of(),
                    Triggers.date(now.atZone(ZoneOffset.UTC)), "default", "default", null, true, 1, null, now, now,
                    JobState.SCHEDULED, null, 0, null), ConflictPolicy.ERROR);
            scheduler.wakeup();

            await().until(() -> !broken.isEmpty());
            assertThat(broken.get(0).jobId()).isEqualTo("rewritten");
            assertThat(broken.get(0).reason()).startsWith("task 'names.clear' is not allowed: bean 'names' exists");
            assertThat(scheduler.getJob("rewritten")).hasValueSatisfying(
                    (job) -> assertThat(job.state()).isEqualTo(JobState.BROKEN));
            assertThat(names).containsExactly("kept");
        });
    }

    @Test
    void thePropertyReplacesTheDefaultAndAnnotatedMethodsStillResolve() {
        this.runner.withPropertyValues("kairos.tasks.allowed-packages=com.acme, org.example")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.taskRegistry().allowedPackages().packages()).containsExactly("com.acme", "org.example");
                assertThatExceptionOfType(TaskNotAllowedException.class)
                    .isThrownBy(() -> scheduler.addJob(JobRequest.of("reports.rebuild")));
                scheduler.addJob(JobRequest.of("reports.declared").id("declared"));
            });
    }

    @Test
    void withoutAnApplicationPackageOnlyAnnotatedMethodsResolve() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class))
            .withUserConfiguration(Beans.class)
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.taskRegistry().allowedPackages()).isEqualTo(AllowedPackages.NONE);
                assertThatExceptionOfType(TaskNotAllowedException.class)
                    .isThrownBy(() -> scheduler.addJob(JobRequest.of("reports.rebuild")))
                    .withMessageContaining("outside the allowed task packages (none)");
                scheduler.addJob(JobRequest.of("reports.declared").id("declared"));
            });
    }

    @Test
    void anEntryThatIsNoPackageNameFailsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("kairos.tasks.allowed-packages=com.acme.*").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalArgumentException.class);
            Throwable failure = context.getStartupFailure();
            while (!(failure instanceof KairosConfigurationException) && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("property 'kairos.tasks.allowed-packages'")
                .hasMessageContaining("allowed task package 'com.acme.*' is not a Java package name");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage
    static class Application extends Beans {
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        Reports reports() {
            return new Reports();
        }

        @Bean
        List<String> names() {
            return new ArrayList<>();
        }
    }

    public static class Reports {

        public void rebuild() {
        }

        @KairosTask
        public void declared() {
        }
    }
}
