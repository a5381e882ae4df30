/**
 * Actuator support for Kairos: the {@code scheduler} endpoint, the {@code scheduler} health indicator and the
 * {@code kairos.*} meters.
 */
@NullMarked
package io.kairos.scheduler.boot.actuate;

import org.jspecify.annotations.NullMarked;
