package io.kairos.scheduler.boot.annotation;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One {@link ScheduledJob} declaration with placeholders resolved and values checked: what the scheduler upserts
 * at start-up. Immutable.
 *
 * @param id the job id (the given one, or {@code beanName.methodName} plus {@code #n} for the n-th repeat)
 * @param name the job name (the given one, or the task name)
 * @param task the task name, {@code beanName.methodName}
 * @param triggerSpec the trigger spec built from the trigger attributes: {@code type} plus APScheduler's
 *     snake_case keys, string values; immutable, ordered
 * @param jobstore the store alias, or {@code null} for the scheduler's default
 * @param executor the executor alias, or {@code null} for the scheduler's default
 * @param coalesce the coalesce flag, or {@code null} for {@code kairos.job-defaults.coalesce}
 * @param maxInstances max instances (at least 1), or {@code null} for the default
 * @param misfireGraceTime the misfire grace time, or {@code null} for the default
 * @param jitter the jitter, or {@code null} for the default
 * @param source the declaring method, for messages: {@code com.acme.Reports.nightly() (bean 'reports')}
 */
public record ScheduledJobDefinition(String id, String name, String task, Map<String, Object> triggerSpec,
        @Nullable String jobstore, @Nullable String executor, @Nullable Boolean coalesce,
        @Nullable Integer maxInstances, @Nullable Duration misfireGraceTime, @Nullable Duration jitter,
        String source) {

    /** Copies the trigger spec into an immutable map. */
    public ScheduledJobDefinition {
        triggerSpec = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(triggerSpec));
    }
}
