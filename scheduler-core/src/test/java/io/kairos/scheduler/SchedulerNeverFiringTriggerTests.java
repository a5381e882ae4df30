package io.kairos.scheduler;

import io.kairos.scheduler.trigger.InvalidTriggerSpecException;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A trigger with no fire time at or after now is refused when a job is added, rescheduled or given it by
 * {@code modifyJob}, started or stopped, unless the same call pauses the job on purpose. APScheduler stores such a
 * job paused for good, silently.
 */
class SchedulerNeverFiringTriggerTests extends SchedulerTestSupport {

    private static final Map<String, Object> FEBRUARY_30 = Map.of("type", "cron", "expression", "0 0 0 30 2 *");

    private static final Map<String, Object> ENDED = Map.of("type", "interval", "hours", 1, "start_date", "2029-01-01",
            "end_date", "2029-06-01");

    @Test
    void addingAJobWhoseTriggerNeverFiresIsRefused() {
        build().start();
        assertThatThrownBy(() -> this.scheduler.addJob(JobRequest.of("record").id("feb30").trigger(FEBRUARY_30)))
            .isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessage("trigger cron['0 0 0 30 2 *'] never fires: it has no fire time at or after 2030-01-01T00:00:00Z; valid: a "
                    + "trigger that fires after now, or add the job paused on purpose (JobRequest.paused(); with modifyJob, "
                    + "JobChanges.nextRunTime(null))");
        assertThatThrownBy(() -> this.scheduler.addJob("record", ENDED)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("never fires").hasMessageContaining("(its end date 2029-06-01T00:00Z has passed)")
            .extracting((ex) -> ((InvalidTriggerSpecException) ex).field()).isEqualTo("end_date");
        assertThatThrownBy(() -> this.scheduler.addJob(JobRequest.of("record").id("feb30").trigger(FEBRUARY_30)))
            .extracting((ex) -> ((InvalidTriggerSpecException) ex).field()).isNull();
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void aJobAddedPausedOnPurposeKeepsItsTrigger() {
        build().start();
        Job paused = this.scheduler.addJob(JobRequest.of("record").id("feb30").trigger(FEBRUARY_30).paused());
        assertThat(paused.nextRunTime()).isEmpty();
        assertThat(this.scheduler.getJob("feb30")).isPresent();
    }

    @Test
    void aPastDateStillFiresAndIsAccepted() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("late").trigger(Map.of("type", "date", "run_date", "2020-01-01")).args(1));
        assertThat(awaitEvents(io.kairos.scheduler.event.JobExecuted.class, 1)).hasSize(1);
    }

    @Test
    void addingWhileStoppedIsRefusedToo() {
        build();
        assertThatThrownBy(() -> this.scheduler.addJob(JobRequest.of("record").id("feb30").trigger(FEBRUARY_30)))
            .isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("never fires");
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void reschedulingToATriggerThatNeverFiresIsRefusedAndTheJobKeepsItsSchedule() {
        build().start();
        Job job = this.scheduler.addJob(JobRequest.of("record").id("daily").trigger(Map.of("type", "cron", "hour", 3)));
        assertThatThrownBy(() -> this.scheduler.rescheduleJob("daily", FEBRUARY_30)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("never fires");
        assertThat(this.scheduler.getJob("daily").orElseThrow().nextRunTime()).isEqualTo(job.nextRunTime());
        this.scheduler.shutdown();
        assertThatThrownBy(() -> this.scheduler.rescheduleJob("daily", ENDED)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("never fires");
    }

    @Test
    void modifyingTheTriggerIsRefusedUnlessTheSameChangesPauseTheJob() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("daily").trigger(Map.of("type", "cron", "hour", 3)));
        assertThatThrownBy(() -> this.scheduler.modifyJob("daily", JobChanges.create().trigger(FEBRUARY_30)))
            .isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("never fires");
        Job paused = this.scheduler.modifyJob("daily", JobChanges.create().trigger(FEBRUARY_30).nextRunTime(null));
        assertThat(paused.nextRunTime()).isEmpty();
        assertThat(paused.trigger().toSpec()).containsEntry("expression", "0 0 0 30 2 *");
    }

    @Test
    void aTriggerThatFiresLaterIsAccepted() {
        build().start();
        this.clock.advance(Duration.ofDays(1));
        Job job = this.scheduler.addJob("record", Map.of("type", "cron", "month", 2, "day", 29));
        assertThat(job.nextRunTime().orElseThrow().getYear()).isEqualTo(2032);
    }
}
