/**
 * Triggers: when a job runs. {@link io.kairos.scheduler.trigger.Trigger} is the SPI; the built-in triggers are those
 * of APScheduler 3 ({@code date}, {@code interval}, {@code calendarinterval}, {@code cron}, {@code and}, {@code or}),
 * each written and read as a {@link io.kairos.scheduler.trigger.TriggerSpec} (a type and string parameters, the form
 * job stores keep) through {@link io.kairos.scheduler.trigger.Triggers}. An unacceptable spec is reported as an
 * {@link io.kairos.scheduler.trigger.InvalidTriggerSpecException} naming the field. The cron expression internals
 * are in {@code io.kairos.scheduler.trigger.cron}.
 */
@NullMarked
package io.kairos.scheduler.trigger;

import org.jspecify.annotations.NullMarked;
