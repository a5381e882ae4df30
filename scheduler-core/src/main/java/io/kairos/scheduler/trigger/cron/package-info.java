/**
 * Internals of {@link io.kairos.scheduler.trigger.CronTrigger}: expression parsing, the compiled bit-mask
 * schedule and the wall-clock-to-instant search. Not an API: types here are public only so that the
 * trigger package can use them, and they may change without notice. Every type is immutable and
 * thread-safe.
 */
@NullMarked
package io.kairos.scheduler.trigger.cron;

import org.jspecify.annotations.NullMarked;
