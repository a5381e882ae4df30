/**
 * Configuration helpers shared by the scheduler, its executors and its job stores: the options a
 * {@link io.kairos.scheduler.executor.JobExecutorFactory} or {@link io.kairos.scheduler.store.JobStoreFactory} is
 * created with ({@link io.kairos.scheduler.config.ComponentOptions}) and the duration syntax configuration accepts
 * ({@link io.kairos.scheduler.config.Durations}). Depends only on {@code io.kairos.scheduler.input}, so every layer
 * can use it.
 */
@NullMarked
package io.kairos.scheduler.config;

import org.jspecify.annotations.NullMarked;
