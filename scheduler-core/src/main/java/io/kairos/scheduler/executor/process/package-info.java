/**
 * The {@code process-pool} executor: jobs run in long-lived worker JVMs, so that a job that exhausts memory,
 * calls {@code System.exit} or hangs takes down only its worker (APScheduler's {@code ProcessPoolExecutor}).
 *
 * <p>{@link io.kairos.scheduler.executor.process.ProcessPoolJobExecutor} is the executor (type
 * {@code process-pool}, created from configuration by
 * {@link io.kairos.scheduler.executor.process.ProcessPoolJobExecutorFactory});
 * {@link io.kairos.scheduler.executor.process.ProcessPool} is the pool of worker processes it runs on, usable on
 * its own; {@link io.kairos.scheduler.executor.process.WorkerMain} is the workers' main class. Parent and worker
 * speak JSON lines over the worker's stdin and stdout.
 */
@NullMarked
package io.kairos.scheduler.executor.process;

import org.jspecify.annotations.NullMarked;
