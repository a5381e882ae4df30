package io.kairos.scheduler.boot.actuate;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * HTTP status codes for the {@link SchedulerEndpoint}'s job operations: 404 when the job does not exist, 204 when a
 * removal (or a resume that removed a finished job) leaves nothing to show.
 */
@EndpointWebExtension(endpoint = SchedulerEndpoint.class)
public class SchedulerEndpointWebExtension {

    private final SchedulerEndpoint delegate;

    /**
     * Creates the extension.
     *
     * @param delegate the endpoint
     */
    public SchedulerEndpointWebExtension(SchedulerEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * Acts on one job; see {@link SchedulerEndpoint#jobAction} for the parameters.
     *
     * @param id the job id
     * @param action the action
     * @param type trigger spec key
     * @param expression trigger spec key
     * @param year trigger spec key
     * @param month trigger spec key
     * @param day trigger spec key
     * @param week trigger spec key
     * @param dayOfWeek trigger spec key
     * @param hour trigger spec key
     * @param minute trigger spec key
     * @param second trigger spec key
     * @param weeks trigger spec key
     * @param days trigger spec key
     * @param hours trigger spec key
     * @param minutes trigger spec key
     * @param seconds trigger spec key
     * @param months trigger spec key
     * @param years trigger spec key
     * @param runDate trigger spec key
     * @param startDate trigger spec key
     * @param endDate trigger spec key
     * @param timezone trigger spec key
     * @param jitter trigger spec key
     * @return 200 with the job, 204 when it was removed, 404 when there is no such job
     */
    @WriteOperation
    public WebEndpointResponse<JobDescriptor> jobAction(@Selector String id, String action, @Nullable String type,
            @Nullable String expression, @Nullable String year, @Nullable String month, @Nullable String day,
            @Nullable String week, @Nullable String dayOfWeek, @Nullable String hour, @Nullable String minute,
            @Nullable String second, @Nullable String weeks, @Nullable String days, @Nullable String hours,
            @Nullable String minutes, @Nullable String seconds, @Nullable String months, @Nullable String years,
            @Nullable String runDate, @Nullable String startDate, @Nullable String endDate, @Nullable String timezone,
            @Nullable String jitter) {
        Optional<JobDescriptor> job = this.delegate.act(id, action, SchedulerEndpoint.triggerSpec(type, expression, year,
                month, day, week, dayOfWeek, hour, minute, second, weeks, days, hours, minutes, seconds, months, years,
                runDate, startDate, endDate, timezone, jitter));
        if (job == null) {
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return job.map(WebEndpointResponse::new).orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT));
    }

    /**
     * Removes a job.
     *
     * @param id the job id
     * @return 204 when removed, 404 when there was no such job
     */
    @DeleteOperation
    public WebEndpointResponse<Void> removeJob(@Selector String id) {
        return new WebEndpointResponse<>(this.delegate.removeJob(id) ? WebEndpointResponse.STATUS_NO_CONTENT
                : WebEndpointResponse.STATUS_NOT_FOUND);
    }
}
