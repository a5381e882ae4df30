/**
 * Auto-configuration of the Kairos scheduler: {@link io.kairos.scheduler.boot.autoconfigure.KairosProperties} and the beans built from them.
 */
@NullMarked
package io.kairos.scheduler.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
