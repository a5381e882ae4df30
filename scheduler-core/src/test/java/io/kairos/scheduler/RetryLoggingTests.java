package io.kairos.scheduler;

import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobRetryScheduled;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.testing.EveryTrigger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How failed attempts are logged (on the fake clock, no sleeps): one WARN line without stack trace for an attempt that
 * will be retried, ERROR with the stack trace only for the final failure of a fire time.
 */
class RetryLoggingTests extends SchedulerTestSupport {

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.kairos.scheduler.internal.RunOutcomes");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void detach() {
        this.logger.detachAppender(this.appender);
    }

    @Test
    void aRetriedAttemptLogsOneWarnLineAndTheLastAttemptAnErrorWithItsStackTrace() {
        this.appender.start();
        this.logger.addAppender(this.appender);
        build().start();
        this.scheduler.taskRegistry().register("flaky", (TaskAction) () -> {
            throw new IllegalStateException("payment service down (call " + this.calls.incrementAndGet() + ")");
        });
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").retry(RetryPolicy.maxAttempts(2).withJitter(0))
                .trigger(new EveryTrigger(T0.plusSeconds(1), Duration.ofHours(1))));
        advance(Duration.ofSeconds(1));
        awaitEvents(JobRetryScheduled.class, 1);
        advance(Duration.ofSeconds(10));
        awaitEvents(JobFailed.class, 2);

        List<ILoggingEvent> lines = this.appender.list.stream().filter((e) -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(lines).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.ERROR);
        ILoggingEvent retried = lines.get(0);
        assertThat(retried.getFormattedMessage()).isEqualTo("Job 'pay' attempt 1 failed (run time " + T0.plusSeconds(1)
                + "): java.lang.IllegalStateException: payment service down (call 1); will be retried at " + T0.plusSeconds(11)
                + ", in 10000 ms (attempt 2 of 2)");
        assertThat(retried.getThrowableProxy()).as("no stack trace for a retried attempt").isNull();
        ILoggingEvent last = lines.get(1);
        assertThat(last.getFormattedMessage()).contains("Job 'pay'", "attempt 2", "ATTEMPTS_EXHAUSTED");
        assertThat(last.getThrowableProxy().getMessage()).isEqualTo("payment service down (call 2)");
        assertThat(this.appender.list).as("one line for the retry, not a second INFO one")
                .noneMatch((e) -> e.getLevel() == Level.INFO && e.getFormattedMessage().contains("retried"));
    }
}
