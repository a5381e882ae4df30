package io.kairos.scheduler;

import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.task.UnknownTaskException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code addJobs}: per-request validation and conflicts, batches of at most 1,000 jobs per store call, what a store
 * failure leaves, and pending jobs while stopped.
 */
class SchedulerAddJobsTests extends SchedulerTestSupport {

    @Test
    void addsEveryValidRequestAndReportsEachInvalidOneWithItsPosition() {
        CountingStore store = new CountingStore(Integer.MAX_VALUE);
        build((b) -> b.jobStore("default", store)).start();
        this.scheduler.addJob(request("taken"));
        List<JobRequest> requests = List.of(request("a"), JobRequest.of("no.such.task").id("bad-task"), request("taken"),
                request("b"), request("a"));
        JobsNotAddedException ex = catchThrowableOfType(JobsNotAddedException.class, () -> this.scheduler.addJobs(requests));
        assertThat(ex.addedIds()).containsExactly("a", "b");
        assertThat(ex.failures()).extracting(JobsNotAddedException.Failure::index).containsExactly(1, 2, 4);
        assertThat(ex.failures()).extracting(JobsNotAddedException.Failure::jobId).containsExactly("bad-task", "taken", "a");
        assertThat(ex.failures().get(0).cause()).isInstanceOf(UnknownTaskException.class);
        assertThat(ex.failures().get(1).cause()).isInstanceOf(ConflictingJobIdException.class);
        assertThat(ex.failures().get(2).cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request #0");
        assertThat(ex).hasMessageStartingWith("3 of 5 jobs not added: request #1 (id 'bad-task'): ");
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactlyInAnyOrder("taken", "a", "b");
        assertThat(store.calls).hasValue(1);
        assertThat(awaitEvents(JobAdded.class, 3)).extracting(JobAdded::jobId).containsExactly("taken", "a", "b");
    }

    @Test
    void writesAThousandJobsPerStoreCallAndReturnsThemInRequestOrder() {
        CountingStore store = new CountingStore(Integer.MAX_VALUE);
        build((b) -> b.jobStore("default", store)).start();
        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            requests.add(request("j" + i).conflictPolicy(i % 2 == 0 ? ConflictPolicy.ERROR : ConflictPolicy.REPLACE));
        }
        List<Job> jobs = this.scheduler.addJobs(requests);
        assertThat(jobs).hasSize(2_500);
        assertThat(jobs.get(1_777).id()).isEqualTo("j1777");
        // 1,250 per policy: two calls of 1,000 and two of 250
        assertThat(store.calls).hasValue(4);
        assertThat(store.largest).hasValue(1_000);
    }

    @Test
    void aStoreFailureFailsItsBatchAndTheStoresLaterRequestsAndKeepsEarlierBatches() {
        CountingStore store = new CountingStore(2);
        build((b) -> b.jobStore("default", store)).start();
        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            requests.add(request(String.format("j%04d", i)));
        }
        JobsNotAddedException ex = catchThrowableOfType(JobsNotAddedException.class, () -> this.scheduler.addJobs(requests));
        assertThat(ex.addedIds()).hasSize(1_000);
        assertThat(ex.failures()).hasSize(1_500);
        assertThat(ex.failures().get(0)).extracting(JobsNotAddedException.Failure::index).isEqualTo(1_000);
        assertThat(ex.failures().get(0).cause()).isInstanceOf(JobStoreException.class).hasMessage("down");
        assertThat(ex.failures().get(1_000).cause()).isInstanceOf(JobStoreException.class).hasMessageStartingWith("not attempted: ")
                .hasRootCauseMessage("down");
        assertThat(ex).hasMessageContaining("; and 1495 more (see failures())");
        assertThat(store.calls).hasValue(2);
        assertThat(this.scheduler.getJobs()).hasSize(1_000);
    }

    @Test
    void whileStoppedTheJobsArePendingAndStoredAtStart() {
        build();
        List<Job> jobs = this.scheduler.addJobs(List.of(request("a"), request("b")));
        assertThat(jobs).extracting(Job::isPending).containsExactly(true, true);
        JobsNotAddedException ex = catchThrowableOfType(JobsNotAddedException.class,
                () -> this.scheduler.addJobs(List.of(request("a"), request("c"))));
        assertThat(ex.failures()).singleElement().extracting(JobsNotAddedException.Failure::jobId).isEqualTo("a");
        this.scheduler.start();
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("a", "b", "c");
    }

    /** A memory store that counts {@code addJobs} calls and fails the {@code failingCall}-th. */
    private static final class CountingStore extends MemoryJobStore {

        final AtomicInteger calls = new AtomicInteger();

        final AtomicInteger largest = new AtomicInteger();

        private final int failingCall;

        CountingStore(int failingCall) {
            this.failingCall = failingCall;
        }

        @Override
        public List<JobAddOutcome> addJobs(List<StoredJob> jobs, ConflictPolicy policy) {
            this.largest.accumulateAndGet(jobs.size(), Math::max);
            if (this.calls.incrementAndGet() == this.failingCall) {
                throw new JobStoreException("down", null);
            }
            return super.addJobs(jobs, policy);
        }
    }
}
