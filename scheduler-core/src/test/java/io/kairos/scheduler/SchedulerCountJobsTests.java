package io.kairos.scheduler;

import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.testing.EveryTrigger;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code countJobs}: the pending jobs while stopped, one store or the sum over the stores once started, each store
 * asked once through {@code JobStore.countJobs}; the store default reads the listing page by page.
 */
class SchedulerCountJobsTests extends SchedulerTestSupport {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private JobRequest request(String id) {
        return JobRequest.of("record").id(id).trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE));
    }

    @Test
    void countsThePendingJobsWhileStoppedAndTheStoresOnceStarted() {
        build((b) -> b.jobStore("other", new MemoryJobStore()));
        // pending: paused when added paused, else scheduled (the state they will have once stored)
        this.scheduler.addJob(request("a"));
        this.scheduler.addJob(request("b").paused());
        this.scheduler.addJob(request("c").jobstore("other"));
        assertThat(this.scheduler.countJobs()).isEqualTo(new JobCounts(2, 1, 0));
        assertThat(this.scheduler.countJobs("other")).isEqualTo(new JobCounts(1, 0, 0));
        this.scheduler.start();
        assertThat(this.scheduler.countJobs()).isEqualTo(new JobCounts(2, 1, 0));
        assertThat(this.scheduler.countJobs("default")).isEqualTo(new JobCounts(1, 1, 0));
        this.scheduler.pauseJob("c");
        assertThat(this.scheduler.countJobs("other")).isEqualTo(new JobCounts(0, 1, 0));
        assertThat(this.scheduler.countJobs()).isEqualTo(new JobCounts(1, 2, 0));
        assertThatThrownBy(() -> this.scheduler.countJobs("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void aPendingJobReportsTheStateItWillBeStoredWithAsCountedListedAndFiltered() {
        build((b) -> b.jobStore("other", new MemoryJobStore()));
        Job scheduled = this.scheduler.addJob(request("a"));
        Job paused = this.scheduler.addJob(request("b").paused());
        assertThat(scheduled.isPending()).isTrue();
        assertThat(scheduled.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(paused.state()).isEqualTo(JobState.PAUSED);
        assertThat(this.scheduler.getJob("a").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(this.scheduler.pauseJob("a").state()).isEqualTo(JobState.PAUSED);
        assertThat(this.scheduler.resumeJob("b").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(this.scheduler.findJobs(JobQuery.all().withStates(JobState.SCHEDULED)).jobs()).extracting(Job::id)
                .containsExactly("b");
        assertThat(this.scheduler.findJobs(JobQuery.all().withStates(JobState.PAUSED)).jobs()).extracting(Job::id)
                .containsExactly("a");
        assertThat(this.scheduler.countJobs()).isEqualTo(new JobCounts(1, 1, 0));
    }

    @Test
    void asksEachStoreForItsCountsAndAddsThem() {
        MemoryJobStore counting = new MemoryJobStore() {
            @Override
            public JobCounts countJobs() {
                return new JobCounts(100_000, 20, 3);
            }
        };
        build((b) -> b.jobStore("big", counting)).start();
        this.scheduler.addJob(request("a"));
        assertThat(this.scheduler.countJobs()).isEqualTo(new JobCounts(100_001, 20, 3));
        assertThat(this.scheduler.countJobs("big")).isEqualTo(new JobCounts(100_000, 20, 3));
    }

    @Test
    void theStoreDefaultReadsTheListingPageByPageAndNeverEveryJob() {
        MemoryJobStore memory = new MemoryJobStore();
        // a store with the interface's countJobs, on the memory store's listing; getAllJobs fails the test
        JobStore store = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAllJobs" -> throw new AssertionError("every job loaded at once");
                    case "countJobs" -> InvocationHandler.invokeDefault(proxy, method, args);
                    default -> invoke(memory, method, args);
                });
        build((b) -> b.jobStore("default", store)).start();
        int count = JobQuery.MAX_LIMIT * 2 + 5;
        for (int i = 0; i < count; i++) {
            JobRequest request = request(String.format("job-%05d", i));
            this.scheduler.addJob(i % 10 == 0 ? request.paused() : request);
        }
        assertThat(store.countJobs()).isEqualTo(new JobCounts(count - 201, 201, 0));
        assertThat(this.scheduler.countJobs()).isEqualTo(memory.countJobs());
    }

    private static @Nullable Object invoke(JobStore target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
