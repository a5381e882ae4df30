package io.kairos.scheduler.boot.annotation;

import java.util.Map;

import io.kairos.scheduler.JobOptions;

/**
 * One {@link ScheduledJob} declaration with placeholders resolved and values checked: what the scheduler upserts
 * at start-up. Immutable.
 *
 * @param id the job id (the given one, or {@code beanName.methodName} plus {@code #n} for the n-th repeat)
 * @param name the job name (the given one, or the task name)
 * @param task the task name, {@code beanName.methodName}
 * @param triggerSpec the trigger spec built from the trigger attributes: {@code type} plus APScheduler's
 *     snake_case keys, string values; immutable, ordered
 * @param options the options the declaration sets (job store, executor, coalesce, max instances, misfire grace
 *     time, jitter); an option it leaves unset takes the scheduler's default
 * @param source the declaring method, for messages: {@code com.acme.Reports.nightly() (bean 'reports')}
 */
public record ScheduledJobDefinition(String id, String name, String task, Map<String, Object> triggerSpec,
        JobOptions options, String source) {

    /** Copies the trigger spec into an immutable map. */
    public ScheduledJobDefinition {
        triggerSpec = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(triggerSpec));
    }
}
