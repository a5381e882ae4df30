/**
 * Retries of failed runs: the {@link io.kairos.scheduler.retry.RetryPolicy} a job carries and the
 * {@link io.kairos.scheduler.retry.PendingRetry} its store keeps between a failed attempt and the next one.
 */
package io.kairos.scheduler.retry;
