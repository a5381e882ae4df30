/**
 * Scheduler events, as APScheduler 3's {@code EVENT_*} constants: one record type per event, each a
 * {@link io.kairos.scheduler.event.SchedulerEvent} (those about one job also a
 * {@link io.kairos.scheduler.event.JobEvent}), delivered synchronously to the
 * {@link io.kairos.scheduler.event.EventListener}s registered with the scheduler. Every event is immutable.
 */
@NullMarked
package io.kairos.scheduler.event;

import org.jspecify.annotations.NullMarked;
