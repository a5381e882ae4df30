/**
 * Failure analyzers that turn Kairos start-up errors into reports naming the property or declaration to fix.
 * Registered in {@code META-INF/spring.factories}; not API.
 */
@NullMarked
package io.kairos.scheduler.boot.diagnostics;

import org.jspecify.annotations.NullMarked;
