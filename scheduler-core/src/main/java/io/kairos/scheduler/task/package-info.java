/**
 * Tasks: what a job runs, under a stable name. {@link io.kairos.scheduler.task.TaskRegistry} resolves names
 * (registered lambdas, {@link io.kairos.scheduler.task.TaskProvider} tasks, {@link
 * io.kairos.scheduler.task.TaskResolver}s such as Spring bean methods, {@code com.acme.Jobs::purge} static
 * method references and {@code com.acme.PurgeJob} classes, the last two only under the
 * {@link io.kairos.scheduler.task.AllowedPackages}, since task names come from untrusted job stores);
 * {@link io.kairos.scheduler.task.MethodTask} binds job arguments to parameters by position and name;
 * {@link io.kairos.scheduler.task.JobArguments} checks that arguments can be stored as JSON.
 */
@NullMarked
package io.kairos.scheduler.task;

import org.jspecify.annotations.NullMarked;
