package io.kairos.scheduler.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method as a task that jobs added at run time may name ({@code jobScheduler.addJob("orderService.cancel",
 * ...)}), so that it resolves again after a restart. Without this annotation, only public methods of singleton beans
 * whose class lies under {@code kairos.tasks.allowed-packages} (by default the application's own packages) resolve
 * as {@code beanName.methodName}; an annotated method resolves whatever its bean's package, so use it for a task
 * method on a bean outside those packages. The annotation also adds an alias ({@link #value()}), makes the task
 * appear in the actuator endpoint, and checks at start-up that the method is a usable task (not overloaded, not
 * static).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface KairosTask {

    /**
     * An extra task name for the method (e.g. {@code cancel-unpaid-order}), resolved in addition to
     * {@code beanName.methodName}. Must be unique among tasks.
     *
     * @return the alias, or empty for none
     */
    String value() default "";
}
