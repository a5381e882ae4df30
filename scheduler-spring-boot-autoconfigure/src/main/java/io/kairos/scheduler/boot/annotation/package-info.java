/**
 * Declaring jobs and tasks on bean methods: {@link io.kairos.scheduler.boot.annotation.ScheduledJob}, {@link io.kairos.scheduler.boot.annotation.KairosTask}.
 */
@NullMarked
package io.kairos.scheduler.boot.annotation;

import org.jspecify.annotations.NullMarked;
