/**
 * Kairos's API: the front door ({@link io.kairos.scheduler.Scheduler}, built by
 * {@link io.kairos.scheduler.SchedulerBuilder}, handing out {@link io.kairos.scheduler.Job} handles) and the values
 * it takes and gives ({@link io.kairos.scheduler.JobRequest}, {@link io.kairos.scheduler.JobChanges},
 * {@link io.kairos.scheduler.JobOptions}, {@link io.kairos.scheduler.JobDefaults},
 * {@link io.kairos.scheduler.SchedulerState} and the exceptions). The subpackages hold the rest of the API: triggers,
 * tasks, executors, job stores, events, run history and configuration helpers. The engine behind the front door is in
 * {@code io.kairos.scheduler.internal}, which is not API; it reads the values of this package but never the front door.
 */
package io.kairos.scheduler;
