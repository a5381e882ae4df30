/**
 * Auto-configuration of the {@code scheduler} health indicator.
 */
@NullMarked
package io.kairos.scheduler.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
