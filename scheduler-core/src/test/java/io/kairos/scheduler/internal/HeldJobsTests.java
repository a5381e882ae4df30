package io.kairos.scheduler.internal;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.task.Tasks;
import io.kairos.scheduler.trigger.DateTrigger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HeldJobs}: look-up by store and id, and the change queue that marks stale a job changed by the API while
 * a pass was acquiring it.
 */
class HeldJobsTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static final Task TASK = Tasks.anonymous((TaskAction) () -> { });

    private final HeldJobs held = new HeldJobs();

    @Test
    void jobsAreHeldPerStoreAndRemovedOnlyWhenStillTheHeldCopy() {
        HeldJob a = held("memory", "a");
        HeldJob otherStore = held("other", "a");
        this.held.put(a);
        this.held.put(otherStore);
        assertThat(this.held.get("memory", "a")).isSameAs(a);
        assertThat(this.held.get("other", "a")).isSameAs(otherStore);
        assertThat(this.held.size()).isEqualTo(2);
        HeldJob replacement = held("memory", "a");
        this.held.put(replacement);
        this.held.remove(a);
        assertThat(this.held.get("memory", "a")).isSameAs(replacement);
        assertThat(list(this.held.all())).containsExactlyInAnyOrder(replacement, otherStore);
        this.held.remove(replacement);
        assertThat(this.held.get("memory", "a")).isNull();
        assertThat(this.held.size()).isEqualTo(1);
    }

    @Test
    void aChangeMadeWhileTheJobWasBeingAcquiredMarksTheNewlyHeldCopyStale() {
        // the API changes the job after the pass read it from the store but before the pass holds it
        this.held.changed("memory", "a", 2);
        HeldJob acquired = held("memory", "a");
        this.held.put(acquired);
        assertThat(acquired.stale).isFalse();
        this.held.markChangedStale();
        assertThat(acquired.stale).isTrue();
        // the queue is drained: a copy held later is not marked by the old change
        this.held.remove(acquired);
        HeldJob later = held("memory", "a");
        this.held.put(later);
        this.held.markChangedStale();
        assertThat(later.stale).isFalse();
    }

    @Test
    void aChangeOfAHeldJobMarksItStaleAtOnce() {
        HeldJob job = held("memory", "a");
        this.held.put(job);
        this.held.changed("memory", "a", 2);
        assertThat(job.stale).isTrue();
        this.held.changed("memory", "unknown", 2);
        this.held.markChangedStale();
        assertThat(list(this.held.all())).containsExactly(job);
    }

    private static List<HeldJob> list(Iterable<HeldJob> jobs) {
        List<HeldJob> list = new java.util.ArrayList<>();
        jobs.forEach(list::add);
        return list;
    }

    @Test
    void aCopyAsNewAsTheChangeIsNotStaleAndClearingMarksTheWholeStore() {
        this.held.changed("memory", "a", 1);
        HeldJob acquiredAfterTheChange = held("memory", "a");
        this.held.put(acquiredAfterTheChange);
        this.held.markChangedStale();
        assertThat(acquiredAfterTheChange.stale).isFalse();
        HeldJob other = held("other", "b");
        this.held.put(other);
        this.held.cleared("memory");
        assertThat(acquiredAfterTheChange.stale).isTrue();
        assertThat(other.stale).isFalse();
        this.held.remove(acquiredAfterTheChange);
        HeldJob readBeforeTheClear = held("memory", "a");
        this.held.put(readBeforeTheClear);
        this.held.markChangedStale();
        assertThat(readBeforeTheClear.stale).isTrue();
    }

    @Test
    void theListOfHeldJobsFollowsEveryHoldReplaceAndRemoveInAnyOrder() {
        java.util.Random random = new java.util.Random(42);
        Map<String, HeldJob> expected = new java.util.HashMap<>();
        for (int step = 0; step < 5_000; step++) {
            String id = "j" + random.nextInt(40);
            if (random.nextInt(3) == 0) {
                HeldJob job = held("memory", id);
                this.held.put(job);
                expected.put(id, job);
            }
            else if (expected.containsKey(id)) {
                // removing an older copy is a no-op; the held one goes
                this.held.remove(held("memory", id));
                this.held.remove(expected.remove(id));
            }
            assertThat(this.held.all()).containsExactlyInAnyOrderElementsOf(expected.values());
            assertThat(this.held.size()).isEqualTo(expected.size());
        }
    }

    @Test
    void holdingAJobWhileWalkingTheHeldJobsFails() {
        this.held.put(held("memory", "a"));
        assertThatExceptionOfType(java.util.ConcurrentModificationException.class).isThrownBy(() -> {
            for (HeldJob job : this.held.all()) {
                this.held.put(held("memory", "b"));
            }
        });
    }

    @Test
    void aRetryIsTakenOrPutBackOnlyWhenNoOtherReplacedIt() {
        HeldJob job = held("memory", "a");
        PendingRetry first = new PendingRetry(2, T0, T0.plusSeconds(1), null);
        PendingRetry second = new PendingRetry(2, T0.plusSeconds(5), T0.plusSeconds(6), null);
        assertThat(job.retry(first)).isNull();
        // a failed run replaced the retry after the loop read it: the loop does not take the newer one
        assertThat(job.retry(second)).isSameAs(first);
        assertThat(job.takeRetry(first)).isFalse();
        assertThat(job.retry()).isSameAs(second);
        assertThat(job.takeRetry(second)).isTrue();
        assertThat(job.retry()).isNull();
        // put back when nothing replaced it; not over a newer one
        assertThat(job.restoreRetry(second)).isTrue();
        assertThat(job.retry()).isSameAs(second);
        assertThat(job.restoreRetry(first)).isFalse();
        assertThat(job.retry()).isSameAs(second);
    }

    private static HeldJob held(String store, String id) {
        StoredJob job = new StoredJob(id, id, "t", List.of(), Map.of(), new DateTrigger(T0.atZone(ZoneOffset.UTC)), "default",
                store, null, true, 1, null, T0, T0, JobState.SCHEDULED, null, 1, null);
        return new HeldJob(store, job, TASK, new LeaseKeeper.LeaseTimes(T0.plusSeconds(30), T0.plusSeconds(10)), new AtomicInteger());
    }
}
