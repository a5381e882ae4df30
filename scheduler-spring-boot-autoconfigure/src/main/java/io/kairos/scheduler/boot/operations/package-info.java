/**
 * The reads and actions that every way of steering a scheduler shares: the actuator {@code scheduler} endpoint and
 * the dashboard both call {@link io.kairos.scheduler.boot.operations.SchedulerOperations}, so a request is checked,
 * carried out and logged the same way whichever door it came through.
 */
@NullMarked
package io.kairos.scheduler.boot.operations;

import org.jspecify.annotations.NullMarked;
