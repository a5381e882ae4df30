package io.kairos.scheduler;

import io.kairos.scheduler.testing.EveryTrigger;

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

/**
 * The INFO line a scheduler logs when it starts.
 */
class StartupReportTests extends SchedulerTestSupport {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Scheduler.class);

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @AfterEach
    void detach() {
        this.logger.detachAppender(this.appender);
    }

    @Test
    void startLogsOneInfoLineWithTheIdStoresExecutorsAndJobCounts() {
        build((b) -> b.schedulerId("node-7"));
        this.scheduler.addJob(JobRequest.of("record").id("a").trigger(new EveryTrigger(T0.plusSeconds(60), Duration.ofMinutes(1))));
        this.scheduler.addJob(JobRequest.of("record").id("b").trigger(new EveryTrigger(T0.plusSeconds(60), Duration.ofMinutes(1))));
        this.appender.start();
        this.logger.addAppender(this.appender);

        this.scheduler.start(true);

        List<ILoggingEvent> started = this.appender.list.stream()
                .filter((e) -> e.getFormattedMessage().startsWith("Kairos scheduler ")).toList();
        assertThat(started).singleElement().satisfies((e) -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).isEqualTo("Kairos scheduler 'node-7' started (PAUSED, zone UTC); "
                    + "job stores: default (MemoryJobStore, local, 2 jobs); executors: default (DirectJobExecutor)");
        });
    }
}
