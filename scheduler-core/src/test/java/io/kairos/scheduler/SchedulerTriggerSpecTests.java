package io.kairos.scheduler;

import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trigger specs through the API: read in the scheduler's zone with the scheduler's clock; no trigger = date now.
 */
class SchedulerTriggerSpecTests extends SchedulerTestSupport {

    @Test
    void aJobWithoutTriggerRunsOnceNow() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("now").args(100, "python"));
        assertThat(awaitEvents(JobExecuted.class, 1).get(0).scheduledRunTime()).isEqualTo(T0);
        assertThat(this.runs).containsExactly(List.of(100, "python"));
    }

    @Test
    void intervalAndDateSpecsUseTheSchedulerClockAndZone() {
        build().start();
        Job interval = this.scheduler.addJob("record", Map.of("type", "interval", "hours", 2));
        assertThat(String.valueOf(interval.trigger().toSpec().get("start_date"))).startsWith("2030-01-01T00:00");
        assertThat(interval.trigger().timezone()).isEqualTo(java.time.ZoneOffset.UTC);
        Job date = this.scheduler.addJob("record", Map.of("type", "date", "run_date", "2030-01-01 10:30:00"));
        assertThat(date.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(Duration.ofMinutes(630)));
        Job rescheduled = this.scheduler.rescheduleJob(date.id(), Map.of("type", "date", "run_date", "2030-01-02"));
        assertThat(rescheduled.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void anInvalidSpecFailsAtAddTime() {
        build().start();
        assertThatThrownBy(() -> this.scheduler.addJob("record", Map.of("type", "interval", "hourz", 2)))
                .isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("hourz");
    }

    @Test
    void cronSpecsWork() {
        build().start();
        Job job = this.scheduler.addJob("record", Map.of("type", "cron", "hour", 3, "minute", 30));
        assertThat(job.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(Duration.ofMinutes(210)));
    }

    @Test
    void exportImportRoundTripWithTheDefaultCodec() {
        build().start();
        this.clock.advance(Duration.ofSeconds(1));
        this.scheduler.addJob(JobRequest.of("record").id("i").trigger(Map.of("type", "cron", "minute", "*/30")).args(1));
        String json = this.scheduler.exportJobs(null);
        this.scheduler.removeAllJobs();
        List<Job> imported = this.scheduler.importJobs(json, "default", io.kairos.scheduler.store.ConflictPolicy.ERROR);
        assertThat(imported).singleElement().satisfies((j) -> {
            assertThat(j.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
            assertThat(j.trigger().toSpec()).containsEntry("minute", "*/30");
            assertThat(j.args()).containsExactly(1);
        });
    }
}
