package io.kairos.scheduler;

import io.kairos.scheduler.event.JobBroken;
import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobSubmitted;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.task.InvalidJobArgumentsException;
import io.kairos.scheduler.task.SampleJobs;
import io.kairos.scheduler.task.Tasks;
import io.kairos.scheduler.testing.EveryTrigger;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs whose stored arguments no longer bind to their task (the store was edited, or the task's signature changed
 * since the job was added) are marked broken when the loop acquires them, kept and never run; jobs whose arguments
 * bind run as before, and a task that throws at run time is an ordinary failure. The jobs are written straight into
 * the memory store, past the checks of {@code addJob}, as a store edited by hand would hold them.
 */
class StoredArgumentsTests extends SchedulerTestSupport {

    private static final String CANCEL = Tasks.ref(SampleJobs.class, "cancel");

    @Test
    void aJobWhoseStoredArgumentsDoNotBindIsMarkedBrokenKeptAndNeverRun() {
        MemoryJobStore store = new MemoryJobStore();
        store.addJob(stored("misfit", CANCEL, List.of("forty-two", true), Map.of()), ConflictPolicy.ERROR);
        store.addJob(stored("unknown-name", CANCEL, List.of(), Map.of("orderId", 42, "notify", true, "urgent", true)), ConflictPolicy.ERROR);
        store.addJob(stored("action-with-args", "noop", List.of(1), Map.of()), ConflictPolicy.ERROR);
        build((b) -> b.allowTaskPackages(SampleJobs.class.getPackageName()).jobStore("default", store)).start();

        List<JobBroken> broken = awaitEvents(JobBroken.class, 3);
        assertThat(broken).extracting(JobBroken::jobId).containsExactlyInAnyOrder("misfit", "unknown-name", "action-with-args");
        assertThat(reason(broken, "misfit")).startsWith("the stored arguments of job 'misfit' do not fit its task '" + CANCEL
                + "': task '" + CANCEL + "' expects (long orderId, boolean notify); argument 'orderId' (position 0) ="
                + " \"forty-two\" (String) does not convert to long: ");
        assertThat(reason(broken, "unknown-name")).startsWith("the stored arguments of job 'unknown-name' do not fit its task '"
                + CANCEL + "'").endsWith("got unknown named argument(s) 'urgent'");
        assertThat(reason(broken, "action-with-args")).startsWith("the stored arguments of job 'action-with-args' do not fit"
                + " its task 'noop': task 'noop' takes no arguments (it is a TaskAction)");
        for (JobBroken event : broken) {
            assertThat(event.jobstore()).isEqualTo("default");
            Job job = this.scheduler.getJob(event.jobId()).orElseThrow();
            assertThat(job.state()).isEqualTo(JobState.BROKEN);
            assertThat(job.nextRunTime()).isEmpty();
            assertThat(job.brokenReason()).hasValue(event.reason());
        }

        advance(MINUTE);
        awaitIdle();
        assertThat(this.events.of(JobBroken.class)).hasSize(3);
        assertThat(this.events.of(JobSubmitted.class)).isEmpty();
        assertThat(this.events.of(JobFailed.class)).isEmpty();
        // resuming checks the arguments again: the job stays broken until they are fixed
        assertThatThrownBy(() -> this.scheduler.resumeJob("misfit")).isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessage(reason(broken, "misfit"));
        assertThat(this.scheduler.getJob("misfit")).hasValueSatisfying((job) -> assertThat(job.state()).isEqualTo(JobState.BROKEN));

        // fixed arguments, then resumed: it runs again
        this.scheduler.modifyJob("misfit", JobChanges.create().args(42, false));
        this.scheduler.resumeJob("misfit");
        advance(MINUTE);
        JobExecuted executed = awaitEvents(JobExecuted.class, 1).get(0);
        assertThat(executed.jobId()).isEqualTo("misfit");
        assertThat(executed.returnValue()).isEqualTo("cancelled 42");
        assertThat(this.events.of(JobBroken.class)).hasSize(3);
    }

    @Test
    void jobsWhoseStoredArgumentsBindRunAsBeforeAndATaskThatThrowsIsAnOrdinaryFailure() {
        MemoryJobStore store = new MemoryJobStore();
        // a string that spells a number converts, as when the job was added
        store.addJob(stored("fits", CANCEL, List.of("42"), Map.of("notify", true)), ConflictPolicy.ERROR);
        // a TaskFunction takes any arguments
        store.addJob(stored("lambda", "record", List.of(Map.of("any", 1), "x"), Map.of("whatever", false)), ConflictPolicy.ERROR);
        store.addJob(stored("throws", Tasks.ref(SampleJobs.class, "fail"), List.of(), Map.of()), ConflictPolicy.ERROR);
        build((b) -> b.allowTaskPackages(SampleJobs.class.getPackageName()).jobStore("default", store)).start();

        JobFailed failed = awaitEvents(JobFailed.class, 1).get(0);
        assertThat(failed.jobId()).isEqualTo("throws");
        assertThat(failed.exception()).hasMessage("disk full");
        List<JobExecuted> executed = awaitEvents(JobExecuted.class, 2);
        assertThat(executed).filteredOn((e) -> e.jobId().equals("fits")).singleElement()
                .satisfies((e) -> assertThat(e.returnValue()).isEqualTo("cancelled 42 with notice"));
        assertThat(this.runs).containsExactly(List.of(Map.of("any", 1), "x"));

        advance(MINUTE);
        await(() -> this.events.of(JobFailed.class).size() == 2 && this.events.of(JobExecuted.class).size() == 4);
        assertThat(this.events.of(JobBroken.class)).isEmpty();
        assertThat(this.scheduler.getJobs()).extracting(Job::state).containsOnly(JobState.SCHEDULED);
    }

    private static StoredJob stored(String id, String task, List<Object> args, Map<String, Object> kwargs) {
        return new StoredJob(id, id, task, args, kwargs, new EveryTrigger(T0, MINUTE), "default", "default", null, true, 1,
                null, T0, T0, JobState.SCHEDULED, null, 0, null);
    }

    private static String reason(List<JobBroken> broken, String jobId) {
        return broken.stream().filter((e) -> e.jobId().equals(jobId)).findFirst().orElseThrow().reason();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().until(condition);
    }
}
