/**
 * The Kairos dashboard: a web page (Spring MVC, static HTML with Alpine.js and uPlot from WebJars) and the JSON it
 * reads, served at {@code kairos.dashboard.path} when {@code kairos.dashboard.enabled=true}.
 */
@NullMarked
package io.kairos.scheduler.dashboard;

import org.jspecify.annotations.NullMarked;
