package io.kairos.scheduler;

import io.kairos.scheduler.JobOptions.Option;
import io.kairos.scheduler.testing.EveryTrigger;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JobOptions}: set versus unset, checks where a value is written, merging, and the one path by which adding and
 * modifying apply them.
 */
class JobOptionsTests extends SchedulerTestSupport {

    @Test
    void unsetOptionsGiveTheFallbackAndSetOnesTheirValueEvenNull() {
        JobOptions options = JobOptions.none().misfireGraceTime(null).coalesce(false);
        assertThat(options.isSet(Option.MISFIRE_GRACE_TIME)).isTrue();
        assertThat(options.misfireGraceTimeOr(MINUTE)).isNull();
        assertThat(options.coalesceOr(true)).isFalse();
        assertThat(options.isSet(Option.JITTER)).isFalse();
        assertThat(options.jitterOr(MINUTE)).isEqualTo(MINUTE);
        assertThat(options.maxInstancesOr(4)).isEqualTo(4);
        assertThat(options.executorOr("default")).isEqualTo("default");
        assertThat(options).hasToString("JobOptions[misfire_grace_time=null, coalesce=false]");
    }

    @Test
    void settersLeaveTheOriginalUnchanged() {
        JobOptions none = JobOptions.none();
        JobOptions batch = none.executor("batch");
        assertThat(none.isSet(Option.EXECUTOR)).isFalse();
        assertThat(batch.executorOr(null)).isEqualTo("batch");
    }

    @Test
    void badValuesFailWhereTheyAreWrittenNamingTheOption() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.none().maxInstances(0))
            .withMessage("max_instances must be at least 1, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.none().misfireGraceTime(Duration.ZERO))
            .withMessageStartingWith("misfire_grace_time must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.none().jitter(Duration.ofSeconds(-1)))
            .withMessageStartingWith("jitter must not be negative");
        assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.none().timeout(Duration.ZERO))
            .withMessageStartingWith("timeout must be a positive duration");
        assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.none().executor(" "))
            .withMessage("executor must be a non-blank string, got ' '");
        assertThatIllegalArgumentException().isThrownBy(() -> JobRequest.of("t").maxInstances(-2))
            .withMessage("max_instances must be at least 1, got -2");
    }

    @Test
    void withTakesOnlyWhatTheOverridesSet() {
        JobOptions base = JobOptions.none().executor("batch").coalesce(false).jitter(MINUTE);
        JobOptions merged = base.with(JobOptions.none().coalesce(true).jitter(null));
        assertThat(merged).isEqualTo(JobOptions.none().executor("batch").coalesce(true).jitter(null));
    }

    @Test
    void aJobCannotMoveToAnotherStoreThroughChanges() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobChanges.create().options(JobOptions.none().jobstore("other")))
            .withMessageStartingWith("jobstore cannot be changed");
    }

    @Test
    void addingTakesDefaultsForUnsetOptionsAndModifyingKeepsTheJobsValues() {
        Scheduler scheduler = build();
        scheduler.start();
        Job job = scheduler.addJob(JobRequest.of("noop").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE))
            .options(JobOptions.none().maxInstances(3).misfireGraceTime(MINUTE)));
        assertThat(job.maxInstances()).isEqualTo(3);
        assertThat(job.coalesce()).isEqualTo(JobDefaults.DEFAULTS.coalesce());
        assertThat(job.misfireGraceTime()).contains(MINUTE);

        Job modified = scheduler.modifyJob(job.id(), JobChanges.create().options(JobOptions.none().coalesce(false)));
        assertThat(modified.coalesce()).isFalse();
        assertThat(modified.maxInstances()).isEqualTo(3);
        assertThat(modified.misfireGraceTime()).contains(MINUTE);
        assertThat(modified.executor()).isEqualTo("default");
    }
}
