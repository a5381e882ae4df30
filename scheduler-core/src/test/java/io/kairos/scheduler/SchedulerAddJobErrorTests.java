package io.kairos.scheduler;

import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.event.SchedulerStarted;
import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.task.InvalidJobArgumentsException;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.task.Tasks;
import io.kairos.scheduler.task.UnknownTaskException;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.testing.SharedMemoryJobStore;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Errors caught when a job is added (not at its first run), and pending jobs.
 */
class SchedulerAddJobErrorTests extends SchedulerTestSupport {

    @Test
    void unknownTask() {
        build().start();
        assertThatThrownBy(() -> this.scheduler.addJob(JobRequest.of("orderService.cancel").trigger(new EveryTrigger(T0, MINUTE))))
                .isInstanceOf(UnknownTaskException.class).hasMessageContaining("orderService.cancel");
    }

    @Test
    void argumentsThatDoNotFitTheTaskOrAreNotJson() {
        build().start();
        this.scheduler.taskRegistry().register("noArgs", (TaskAction) () -> { });
        assertThatThrownBy(() -> this.scheduler.addJob(JobRequest.of("noArgs").args(1).trigger(new EveryTrigger(T0, MINUTE))))
                .isInstanceOf(InvalidJobArgumentsException.class).hasMessageContaining("takes no arguments");
        assertThatThrownBy(() -> this.scheduler.addJob(request("x").args(new Object())))
                .isInstanceOf(InvalidJobArgumentsException.class).hasMessageContaining("args[0]");
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void unknownExecutorOrJobStoreAlias() {
        build().start();
        assertThatThrownBy(() -> this.scheduler.addJob(request("x").executor("gpu"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No executor by the alias of 'gpu'").hasMessageContaining("[default]");
        assertThatThrownBy(() -> this.scheduler.addJob(request("x").jobstore("redis"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No job store by the alias of 'redis'");
    }

    @Test
    void aNameIsNotBlankAndAtMost200CharactersAtAddAndModify() {
        build().start();
        String tooLong = "n".repeat(JobRequest.MAX_NAME_LENGTH + 1);
        assertThatThrownBy(() -> this.scheduler.addJob(request("x").name(tooLong))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name '" + "n".repeat(64) + "…' (201 characters) is too long; valid: 1 to 200 characters, not blank"
                        + " (a label for lists, logs and the dashboard; keep longer text in the job's arguments)");
        assertThatThrownBy(() -> this.scheduler.addJob(request("x").name("n".repeat(100_000))))
                .hasMessageStartingWith("name 'nnn").hasMessageContaining("(100000 characters) is too long; valid: 1 to 200");
        assertThat(this.scheduler.getJobs()).isEmpty();
        String longest = "n".repeat(JobRequest.MAX_NAME_LENGTH);
        assertThat(this.scheduler.addJob(request("x").name(longest)).name()).isEqualTo(longest);
        assertThatThrownBy(() -> this.scheduler.modifyJob("x", JobChanges.create().name(tooLong)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name 'nnn");
        assertThat(this.scheduler.getJob("x").orElseThrow().name()).isEqualTo(longest);
        assertThat(this.scheduler.modifyJob("x", JobChanges.create().name("short")).name()).isEqualTo("short");
    }

    @Test
    void badOptions() {
        build().start();
        assertThatThrownBy(() -> this.scheduler.addJob(request("x").maxInstances(0))).hasMessageContaining("max_instances must be at least 1");
        assertThatThrownBy(() -> this.scheduler.addJob(request("x").misfireGraceTime(Duration.ZERO))).hasMessageContaining("misfire_grace_time");
        assertThatThrownBy(() -> this.scheduler.addJob(request("x").jitter(Duration.ofSeconds(-1)))).hasMessageContaining("jitter");
        assertThatThrownBy(() -> this.scheduler.addJob(request(" "))).hasMessageContaining("job id");
        assertThatThrownBy(() -> JobRequest.of(" ")).hasMessageContaining("task name");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> request("x").timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout").hasMessageContaining("PT0S").hasMessageContaining("positive");
        assertThatThrownBy(() -> JobChanges.create().timeout(Duration.ofSeconds(-2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout").hasMessageContaining("PT-2S");
        // timeout(null) clears a timeout set before: the direct executor, which refuses timeouts, takes the job
        build().start();
        assertThat(this.scheduler.addJob(request("cleared").timeout(Duration.ofSeconds(2)).timeout(null)).timeout()).isEmpty();
    }

    @Test
    void aTimeoutIsRefusedWhenTheJobIsAddedToADirectExecutorOrModifiedToHaveOne() {
        build().start();
        assertThatThrownBy(() -> this.scheduler.addJob(request("slow").timeout(Duration.ofSeconds(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job 'slow'").hasMessageContaining("option 'timeout' (PT2S)")
                .hasMessageContaining("executor 'default' (DirectJobExecutor)")
                .hasMessageContaining("use an executor of type process-pool, thread-pool or virtual-thread");
        assertThat(this.scheduler.getJobs()).isEmpty();

        Job job = this.scheduler.addJob(request("slow"));
        assertThat(job.timeout()).isEmpty();
        assertThatThrownBy(() -> this.scheduler.modifyJob("slow", JobChanges.create().timeout(Duration.ofSeconds(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option 'timeout'");
        assertThat(this.scheduler.getJob("slow")).hasValueSatisfying((kept) -> assertThat(kept.timeout()).isEmpty());
    }

    @Test
    void aTimeoutIsAcceptedBeforeStartForTheDefaultThreadPoolStillToBeCreated() {
        Scheduler bare = Scheduler.builder().build();
        bare.taskRegistry().register("noop", (TaskAction) () -> { });
        assertThat(bare.addJob(JobRequest.of("noop").id("early").timeout(Duration.ofSeconds(2))).timeout())
                .contains(Duration.ofSeconds(2));
    }

    @Test
    void duplicateIdWhenStarted() {
        build().start();
        this.scheduler.addJob(request("dup"));
        assertThatThrownBy(() -> this.scheduler.addJob(request("dup"))).isInstanceOf(ConflictingJobIdException.class)
                .hasMessageContaining("(dup)").hasMessageContaining("JobRequest.conflictPolicy(ConflictPolicy.REPLACE)")
                .hasMessageNotContaining("replace_existing");
        Job replaced = this.scheduler.addJob(request("dup").name("second").replaceExisting(true));
        assertThat(replaced.name()).isEqualTo("second");
        Job kept = this.scheduler.addJob(request("dup").name("third").conflictPolicy(ConflictPolicy.KEEP_EXISTING));
        assertThat(kept.name()).isEqualTo("second");
        assertThat(this.scheduler.getJobs()).hasSize(1);
    }

    @Test
    void duplicateIdAmongPendingJobsIsDetectedAtAddTime() {
        build();
        this.scheduler.addJob(request("dup"));
        assertThatThrownBy(() -> this.scheduler.addJob(request("dup"))).isInstanceOf(ConflictingJobIdException.class)
                .hasMessageContaining("pending jobs");
        assertThat(this.scheduler.addJob(request("dup").name("b").replaceExisting(true)).name()).isEqualTo("b");
        assertThat(this.scheduler.addJob(request("dup").name("c").conflictPolicy(ConflictPolicy.KEEP_EXISTING)).name()).isEqualTo("b");
    }

    @Test
    void anUnnamedLambdaCannotGoToASharedStore() {
        build((b) -> b.jobStore("shared", new SharedMemoryJobStore())).start();
        Task lambda = Tasks.anonymous((TaskAction) () -> { });
        assertThatThrownBy(() -> this.scheduler.addJob(JobRequest.of(lambda).jobstore("shared").trigger(new EveryTrigger(T0, MINUTE))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'shared'").hasMessageContaining("register");
        Job job = this.scheduler.addJob(JobRequest.of(lambda).id("mem").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        assertThat(job.jobstore()).isEqualTo("default");
        this.scheduler.addJob(JobRequest.of("record").jobstore("shared").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
    }

    @Test
    void anUnnamedLambdaRunsFromTheMemoryStore() {
        build().start();
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        this.scheduler.addJob(JobRequest.of(Tasks.anonymous((TaskAction) ran::incrementAndGet)).trigger(new EveryTrigger(T0, MINUTE)));
        awaitEvents(io.kairos.scheduler.event.JobExecuted.class, 1);
        assertThat(ran).hasValue(1);
    }

    @Test
    void theExecutorMayVetoATask() {
        DirectJobExecutor picky = new DirectJobExecutor() {
            @Override
            public void checkTask(Task task) {
                if (!task.isPortable()) {
                    throw new IllegalArgumentException("task '" + task.name() + "' is not portable");
                }
            }
        };
        build((b) -> b.executor("picky", picky)).start();
        assertThatThrownBy(() -> this.scheduler.addJob(request("v").executor("picky"))).hasMessage("task 'record' is not portable");
    }

    @Test
    void pendingJobsAreStoredAtStartThenJobAddedAndSchedulerStartedArePublished() {
        build();
        Job pending = this.scheduler.addJob(request("p1"));
        this.scheduler.addJob(request("p2").paused());
        assertThat(pending.isPending()).isTrue();
        assertThat(pending.toString()).isEqualTo("record (trigger: every[PT1M from 2030-01-01T00:01:00Z], pending)");
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("p1", "p2");
        assertThat(this.scheduler.modifyJob("p1", JobChanges.create().name("renamed")).name()).isEqualTo("renamed");
        this.scheduler.start();
        assertThat(this.events.all()).map(Object::getClass).<Object>map((c) -> c)
                .containsExactly(JobAdded.class, JobAdded.class, SchedulerStarted.class);
        Job stored = this.scheduler.getJob("p1").orElseThrow();
        assertThat(stored.isPending()).isFalse();
        assertThat(stored.name()).isEqualTo("renamed");
        assertThat(stored.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(MINUTE));
        assertThat(this.scheduler.getJob("p2").orElseThrow().nextRunTime()).isEmpty();
    }

    @Test
    void pendingJobsCanBeRemovedAndAliasesAreCheckedAlready() {
        build();
        this.scheduler.addJob(request("a"));
        this.scheduler.addJob(request("b"));
        this.scheduler.removeJob("a");
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("b");
        this.scheduler.removeAllJobs();
        assertThat(this.scheduler.getJobs()).isEmpty();
        assertThatThrownBy(() -> this.scheduler.addJob(request("c").executor("nope"))).hasMessageContaining("'nope'");
    }

    @Test
    void printJobsUsesApschedulersLayout() {
        build((b) -> b.jobStore("other", new io.kairos.scheduler.store.memory.MemoryJobStore()));
        StringBuilder out = new StringBuilder();
        this.scheduler.printJobs(null, out);
        assertThat(out).hasToString("Pending jobs:\n    No pending jobs\n");
        this.scheduler.addJob(request("p").name("job1"));
        out.setLength(0);
        this.scheduler.printJobs(null, out);
        assertThat(out).hasToString("Pending jobs:\n    job1 (trigger: every[PT1M from 2030-01-01T00:01:00Z], pending)\n");
        this.scheduler.start();
        this.scheduler.addJob(request("q").name("job2").paused());
        out.setLength(0);
        this.scheduler.printJobs(null, out);
        assertThat(out).hasToString("Jobstore default:\n"
                + "    job1 (trigger: every[PT1M from 2030-01-01T00:01:00Z], next run at: 2030-01-01 00:01:00 UTC)\n"
                + "    job2 (trigger: every[PT1M from 2030-01-01T00:01:00Z], paused)\n"
                + "Jobstore other:\n"
                + "    No scheduled jobs\n");
        out.setLength(0);
        this.scheduler.printJobs("other", out);
        assertThat(out).hasToString("Jobstore other:\n    No scheduled jobs\n");
    }
}
