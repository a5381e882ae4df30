package io.kairos.scheduler.boot.actuate;

import java.util.Map;
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
     * Acts on one job; see {@link SchedulerEndpoint#jobAction}.
     *
     * @param id the job id
     * @param action the action
     * @param trigger the trigger spec for {@code reschedule}
     * @return 200 with the job, 204 when it was removed, 404 when there is no such job
     */
    @WriteOperation
    public WebEndpointResponse<JobDescriptor> jobAction(@Selector String id, String action,
            @Nullable Map<String, Object> trigger) {
        Optional<JobDescriptor> job = this.delegate.jobAction(id, action, trigger);
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
