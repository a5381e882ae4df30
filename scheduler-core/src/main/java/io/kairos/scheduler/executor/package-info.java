/**
 * Executors: what runs a job's run times, behind the {@link io.kairos.scheduler.executor.JobExecutor} SPI. Built in
 * are the {@code thread-pool} executor ({@link io.kairos.scheduler.executor.ThreadPoolJobExecutor}, the default), the
 * {@code virtual-thread} executor (Java 21+) and the {@code direct} executor that runs inline; the
 * {@code process-pool} executor is in {@code io.kairos.scheduler.executor.process}.
 * {@link io.kairos.scheduler.executor.JobExecutorFactory} creates executors from configuration,
 * {@link io.kairos.scheduler.executor.JobRun} is one submission and {@link io.kairos.scheduler.executor.RunListener}
 * receives its outcomes; {@link io.kairos.scheduler.executor.RunWatchdog} enforces job timeouts.
 */
@NullMarked
package io.kairos.scheduler.executor;

import org.jspecify.annotations.NullMarked;
