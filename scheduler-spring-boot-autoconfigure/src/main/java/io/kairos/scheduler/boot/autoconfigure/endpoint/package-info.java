/**
 * Auto-configuration of the {@code scheduler} actuator endpoint.
 */
@NullMarked
package io.kairos.scheduler.boot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
