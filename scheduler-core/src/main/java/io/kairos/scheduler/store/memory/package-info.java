/**
 * The memory job store: jobs held as objects in this JVM, for one scheduler process (APScheduler's
 * {@code MemoryJobStore}).
 */
@NullMarked
package io.kairos.scheduler.store.memory;

import org.jspecify.annotations.NullMarked;
