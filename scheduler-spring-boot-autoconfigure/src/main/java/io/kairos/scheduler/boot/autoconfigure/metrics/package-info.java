/**
 * Auto-configuration of the {@code kairos.*} meters.
 */
@NullMarked
package io.kairos.scheduler.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
