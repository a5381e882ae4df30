package io.kairos.scheduler.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The container of repeated {@link ScheduledJob} annotations on one method; written by the compiler, rarely by hand.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ScheduledJobs {

    /**
     * The declarations, in source order.
     *
     * @return the declarations
     */
    ScheduledJob[] value();
}
