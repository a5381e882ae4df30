package io.kairos.scheduler.boot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.JobsNotAddedException;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * What the starter gives with no configuration at all: a running scheduler with a memory store, whose injected
 * {@link JobScheduler} runs a bean-method job.
 */
@SpringBootTest
class DefaultApplicationTests {

    @Autowired
    private JobScheduler scheduler;

    @Autowired
    private Orders orders;

    @Test
    void noConfigurationGivesAWorkingMemoryScheduler() {
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(this.scheduler.engine().jobStores().get("default")).isInstanceOf(MemoryJobStore.class);
        this.scheduler.addJob(JobRequest.of("orders.cancelUnpaid").args(42).trigger(Map.of("type", "date")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.orders.cancelled.get()).isEqualTo(42));
    }

    @Test
    void addJobsAddsTheValidRequestsAndReportsTheOthers() {
        JobsNotAddedException ex = catchThrowableOfType(JobsNotAddedException.class, () -> this.scheduler.addJobs(List.of(
                JobRequest.of("orders.cancelUnpaid").args(7).trigger(Map.of("type", "date")),
                JobRequest.of("orders.noSuchMethod").id("bad").trigger(Map.of("type", "date")))));
        assertThat(ex.addedIds()).hasSize(1);
        assertThat(ex.failures()).singleElement().satisfies((f) -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.jobId()).isEqualTo("bad");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.orders.cancelled.get()).isEqualTo(7));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Orders orders() {
            return new Orders();
        }
    }

    static class Orders {

        final AtomicInteger cancelled = new AtomicInteger();

        public void cancelUnpaid(int orderId) {
            this.cancelled.set(orderId);
        }
    }
}
