/**
 * Bean methods as Kairos tasks: the {@link io.kairos.scheduler.task.TaskResolver} for {@code beanName.methodName}.
 */
@NullMarked
package io.kairos.scheduler.boot.task;

import org.jspecify.annotations.NullMarked;
