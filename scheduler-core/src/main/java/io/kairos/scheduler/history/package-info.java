/**
 * Run history: one {@link io.kairos.scheduler.history.RunRecord} per run attempt, kept in the job's own store
 * ({@link io.kairos.scheduler.history.RunHistory}) and read through
 * {@link io.kairos.scheduler.Scheduler#getRuns(String, int)} and
 * {@link io.kairos.scheduler.Scheduler#findRuns(io.kairos.scheduler.history.RunQuery)}.
 */
@NullMarked
package io.kairos.scheduler.history;

import org.jspecify.annotations.NullMarked;
