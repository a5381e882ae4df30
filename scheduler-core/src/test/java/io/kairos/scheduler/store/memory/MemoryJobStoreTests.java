package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContractTests;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job store contract on {@link MemoryJobStore}, plus what only the memory store promises.
 */
class MemoryJobStoreTests extends JobStoreContractTests {

    @Override
    protected JobStore createStore() {
        return new MemoryJobStore();
    }

    @Test
    void isNotShared() {
        assertThat(this.store.isShared()).isFalse();
    }

    @Test
    void shutdownKeepsTheJobs() {
        this.store.addJob(job("a", T0), ConflictPolicy.ERROR);
        this.store.shutdown();
        this.store.start(context(A));
        assertThat(this.store.lookupJob("a")).isPresent();
    }

    @Test
    void acquisitionOrderFollowsNextRunTimesThroughRandomAddsUpdatesAndRemoves() {
        Random random = new Random(42);
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int op = random.nextInt(10);
            if (op < 6 || live.isEmpty()) {
                String id = "job-" + i;
                this.store.addJob(job(id, T0.minusSeconds(random.nextInt(10_000))), ConflictPolicy.ERROR);
                live.add(id);
            }
            else if (op < 8) {
                String id = live.get(random.nextInt(live.size()));
                this.store.updateJob(job(id, T0.minusSeconds(random.nextInt(10_000))));
            }
            else {
                this.store.removeJob(live.remove(random.nextInt(live.size())));
            }
        }
        List<StoredJob> expected = this.store.getAllJobs();
        assertThat(this.store.nextRunTime()).contains(expected.get(0).nextRunTime());
        List<StoredJob> acquired = new ArrayList<>();
        List<StoredJob> batch;
        while (!(batch = this.store.acquireDueJobs(A, T0, 13, T0.plusSeconds(60))).isEmpty()) {
            acquired.addAll(batch);
        }
        // earliest first; jobs due at the same instant come in any order
        assertThat(acquired).extracting(StoredJob::nextRunTime).containsExactlyElementsOf(
                expected.stream().map(StoredJob::nextRunTime).toList());
        assertThat(acquired).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(60));
    }

    @Test
    void holdsManyJobs() {
        int count = 100_000;
        Instant base = T0.minusSeconds(count);
        for (int i = count - 1; i >= 0; i--) {
            this.store.addJob(job(Integer.toString(i), base.plusSeconds(i)), ConflictPolicy.ERROR);
        }
        assertThat(this.store.nextRunTime()).contains(base);
        assertThat(this.store.acquireDueJobs(A, T0, 3, T0.plusSeconds(1))).extracting(StoredJob::id).containsExactly("0", "1", "2");
        assertThat(this.store.getAllJobs()).hasSize(count);
    }
}
