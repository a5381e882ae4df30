/**
 * Kairos Spring Boot integration: the exceptions reported at start-up.
 */
@NullMarked
package io.kairos.scheduler.boot;

import org.jspecify.annotations.NullMarked;
