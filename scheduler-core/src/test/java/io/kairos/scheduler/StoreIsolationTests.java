package io.kairos.scheduler;

import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.store.JobStoreStatus;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.testing.FaultyJobStore;
import io.kairos.scheduler.testing.HoldingJobExecutor;
import io.kairos.scheduler.testing.OnceTrigger;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each job store has its own loop: a store whose calls hang or fail delays no other store's jobs, and its health is
 * known without a store call. The faulty store is a memory store with injected faults ({@link FaultyJobStore});
 * its alias {@code a} sorts before {@code default}, the order in which a single loop over all stores would visit them.
 */
class StoreIsolationTests extends SchedulerTestSupport {

    private final FaultyJobStore faulty = new FaultyJobStore();

    @AfterEach
    void heal() {
        // a hanging call would keep its loop, and so the scheduler's shutdown, waiting
        this.faulty.mode(FaultyJobStore.Mode.WORKING);
    }

    @Test
    void aStoreWhoseCallsHangDelaysNoOtherStoresJobs() {
        build((b) -> b.jobStore("a", this.faulty)).start();
        this.scheduler.addJob(JobRequest.of("record").id("in-a").jobstore("a").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        this.scheduler.addJob(JobRequest.of("record").id("in-default").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        this.faulty.mode(FaultyJobStore.Mode.HANGING);
        advance(MINUTE);
        await().until(() -> this.faulty.hanging() == 1);
        for (int minute = 2; minute <= 4; minute++) {
            advance(MINUTE);
            int runs = minute;
            await().until(() -> executedOf("in-default") >= runs);
        }
        assertThat(this.faulty.hanging()).as("store a still hangs").isEqualTo(1);
        assertThat(executedOf("in-a")).isZero();
        this.faulty.mode(FaultyJobStore.Mode.WORKING);
        await().until(() -> executedOf("in-a") >= 1); // its run times were only delayed
    }

    @Test
    void aFailedLeaseExtensionInOneStoreStopsNoOtherStoreFromAcquiring() {
        HoldingJobExecutor holding = new HoldingJobExecutor();
        build((b) -> b.jobStore("a", this.faulty).executor("held", holding).leaseTime(Duration.ofSeconds(30))).start();
        this.scheduler.addJob(JobRequest.of("record").id("running").jobstore("a").executor("held").trigger(new OnceTrigger(T0)));
        this.scheduler.addJob(JobRequest.of("record").id("in-default").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        await().until(() -> holding.waiting() == 1); // in flight: its lease is extended every 10 s
        this.faulty.mode(FaultyJobStore.Mode.FAILING);
        advance(Duration.ofSeconds(20));
        awaitEvents(JobStoreFailed.class, 1);
        advance(Duration.ofSeconds(40));
        await().until(() -> executedOf("in-default") == 1);
        advance(MINUTE);
        await().until(() -> executedOf("in-default") == 2);
        assertThat(this.events.of(JobStoreFailed.class)).extracting(JobStoreFailed::alias).containsOnly("a");
    }

    @Test
    void aStoreThatGoesDownAndComesBackIsReportedOnceEachWayWithoutAStoreCall() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.kairos.scheduler.internal.StoreHealth");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            build((b) -> b.jobStore("a", this.faulty)).start();
            this.scheduler.addJob(JobRequest.of("record").id("in-a").jobstore("a").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
            await().until(() -> T0.plus(MINUTE).equals(this.scheduler.jobStoreStatus().get("a").nextRunTime()));
            assertThat(this.scheduler.jobStoreStatus().get("a").up()).isTrue();

            this.faulty.mode(FaultyJobStore.Mode.FAILING);
            for (int i = 1; i <= 3; i++) {
                advance(Duration.ofSeconds(1));
                awaitEvents(JobStoreFailed.class, i);
            }
            await().until(() -> !this.scheduler.jobStoreStatus().get("a").up());
            // while the store hangs, its status is still known: it is read from what the loop already knows
            this.faulty.mode(FaultyJobStore.Mode.HANGING);
            this.scheduler.wakeup();
            await().until(() -> this.faulty.hanging() == 1);
            JobStoreStatus down = this.scheduler.jobStoreStatus().get("a");
            assertThat(down.up()).isFalse();
            assertThat(down.downSince()).isEqualTo(T0.plusSeconds(1));
            assertThat(down.lastError()).isEqualTo("database down");
            assertThat(down.overdue(T0.plus(MINUTE).plusSeconds(5))).contains(Duration.ofSeconds(5));
            assertThat(this.scheduler.jobStoreStatus().get("default").up()).isTrue();
            assertThat(this.faulty.callers()).as("threads that called store a").containsOnly("kairos-scheduler-a");

            this.faulty.mode(FaultyJobStore.Mode.WORKING);
            await().until(() -> this.scheduler.jobStoreStatus().get("a").up());
            assertThat(this.scheduler.jobStoreStatus().get("a").lastError()).isNull();
        }
        finally {
            logger.detachAppender(logs);
        }
        List<ILoggingEvent> warnings = logs.list.stream().filter((e) -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).as("WARN lines").singleElement().satisfies((e) -> {
            assertThat(e.getFormattedMessage()).startsWith("Job store 'a' is down: database down;");
            assertThat(e.getThrowableProxy()).as("stack trace").isNull();
        });
        assertThat(logs.list.stream().filter((e) -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage))
                .as("INFO lines").singleElement().asString().startsWith("Job store 'a' is back up after ");
    }

    private long executedOf(String id) {
        return this.events.of(JobExecuted.class).stream().filter((e) -> e.jobId().equals(id)).count();
    }
}
