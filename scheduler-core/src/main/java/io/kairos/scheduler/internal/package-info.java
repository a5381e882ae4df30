/**
 * The engine, not API: the classes here may change in any release, without notice. Applications use
 * {@link io.kairos.scheduler.Scheduler} and the other types of {@code io.kairos.scheduler} and its API subpackages
 * (trigger, task, executor, store, event, history, config).
 *
 * <p>Only the front door ({@code Scheduler}, {@code SchedulerBuilder}, {@code Job}) depends on this package, and this
 * package depends on the root package's values ({@code JobRequest}, {@code JobChanges}, {@code JobOptions},
 * {@code JobDefaults}, {@code SchedulerState}, the exceptions) but never on the front door; {@code PackageLayoutTests}
 * guards both. The main pieces: {@link io.kairos.scheduler.internal.Settings} (what the builder collected),
 * {@link io.kairos.scheduler.internal.SchedulerRuntime} (the lifecycle and its lock),
 * {@link io.kairos.scheduler.internal.SchedulerJobs} (the job API, pending or stored),
 * {@link io.kairos.scheduler.internal.JobAssembler} (validation and first run times),
 * {@link io.kairos.scheduler.internal.StoreLanes} (one loop per job store) and
 * {@link io.kairos.scheduler.internal.RunSubmitter} with {@link io.kairos.scheduler.internal.RunRecorder} (runs and
 * their history).
 */
package io.kairos.scheduler.internal;
