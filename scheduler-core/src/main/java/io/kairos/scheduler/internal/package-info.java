/**
 * Engine internals, not API: the classes here may change in any release, without notice. Applications use
 * {@link io.kairos.scheduler.Scheduler} and the other types of {@code io.kairos.scheduler} and its API subpackages
 * (trigger, task, executor, store, event, config); only the front door ({@code Scheduler}, {@code SchedulerBuilder},
 * {@code Job}) depends on this package.
 */
package io.kairos.scheduler.internal;
