package io.kairos.scheduler.executor;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.task.TaskSupplier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code virtual-thread} executor running real jobs. Needs Java 21+: the build runs this class in its own
 * surefire execution on the Temurin 25 JDK when that JDK is installed (scheduler-core's pom, profile
 * {@code java21-tests}); the default Java 17 execution leaves it out.
 */
class VirtualThreadJobExecutorJava21Tests {

    private Scheduler scheduler;

    @AfterEach
    void stop() {
        if (this.scheduler != null) {
            this.scheduler.close();
        }
    }

    @Test
    void runsJobsOnVirtualThreadsAndReportsTheirOutcomes() throws Exception {
        assumeThat(Runtime.version().feature()).as("virtual threads need Java 21+").isGreaterThanOrEqualTo(21);
        this.scheduler = Scheduler.builder().properties(Map.of("kairos.executors.default.type", "virtual-thread")).build();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Boolean> virtual = new CopyOnWriteArrayList<>();
        this.scheduler.taskRegistry().register("where", (TaskSupplier) () -> {
            threads.add(Thread.currentThread());
            virtual.add((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
            return Thread.currentThread().getName();
        });
        this.scheduler.taskRegistry().register("fail", (TaskAction) () -> {
            throw new IllegalStateException("failing on a virtual thread");
        });
        List<JobExecuted> executed = new CopyOnWriteArrayList<>();
        List<JobFailed> failed = new CopyOnWriteArrayList<>();
        this.scheduler.addListener(JobExecuted.class, executed::add);
        this.scheduler.addListener(JobFailed.class, failed::add);
        this.scheduler.start();
        assertThat(this.scheduler.executors().get("default")).isInstanceOf(VirtualThreadJobExecutor.class);

        for (int i = 0; i < 20; i++) {
            this.scheduler.addJob(JobRequest.of("where").id("v-" + i));
        }
        this.scheduler.addJob(JobRequest.of("fail").id("v-fail"));

        await().atMost(Duration.ofSeconds(30)).until(() -> executed.size() == 20 && failed.size() == 1);
        assertThat(virtual).hasSize(20).containsOnly(true);
        assertThat(threads).as("one new virtual thread per run").hasSize(20);
        assertThat(failed.get(0).exception()).hasMessage("failing on a virtual thread");
        await().until(() -> this.scheduler.getJobs().isEmpty());
    }

    @Test
    void aRunPastItsTimeoutIsInterruptedOnItsVirtualThreadAndRecordedTimedOut() {
        assumeThat(Runtime.version().feature()).as("virtual threads need Java 21+").isGreaterThanOrEqualTo(21);
        this.scheduler = Scheduler.builder().properties(Map.of("kairos.executors.default.type", "virtual-thread")).build();
        List<Boolean> interrupted = new CopyOnWriteArrayList<>();
        this.scheduler.taskRegistry().register("hang", (TaskAction) () -> {
            try {
                new java.util.concurrent.CountDownLatch(1).await();   // only an interrupt ends it
            }
            catch (InterruptedException ex) {
                interrupted.add(true);
            }
        });
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("hang").id("v-hang").timeout(Duration.ofMillis(200)));
        await().atMost(Duration.ofSeconds(30)).until(() -> this.scheduler.getRuns("v-hang", 5).size() == 1);
        assertThat(this.scheduler.getRuns("v-hang", 5).get(0).outcome()).isEqualTo(io.kairos.scheduler.history.RunOutcome.TIMED_OUT);
        assertThat(this.scheduler.getRuns("v-hang", 5).get(0).error().type()).isEqualTo(RunTimeoutException.class.getName());
        await().until(() -> interrupted.size() == 1);
        await().until(() -> this.scheduler.getJobs().isEmpty());
    }
}
