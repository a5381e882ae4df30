package io.kairos.scheduler.boot.autoconfigure.endpoint;

import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.actuate.SchedulerEndpoint;
import io.kairos.scheduler.boot.actuate.SchedulerEndpointArgumentsAdvisor;
import io.kairos.scheduler.boot.actuate.SchedulerEndpointWebExtension;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import io.kairos.scheduler.boot.operations.SchedulerOperations;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code scheduler} actuator endpoint, when actuator is on the class path, the endpoint is available (exposed
 * and not disabled) and a {@link JobScheduler} exists. Its write operations are allowed by
 * {@code management.endpoint.scheduler.access=unrestricted} (the default access is read-only).
 */
@AutoConfiguration(after = KairosAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(SchedulerEndpoint.class)
public final class KairosEndpointAutoConfiguration {

    /**
     * The endpoint.
     *
     * @param operations the reads and actions it exposes
     * @return the endpoint
     */
    @Bean
    @ConditionalOnBean(SchedulerOperations.class)
    @ConditionalOnMissingBean
    SchedulerEndpoint schedulerEndpoint(SchedulerOperations operations) {
        return new SchedulerEndpoint(operations);
    }

    /**
     * HTTP status codes for the endpoint's job operations.
     *
     * @param endpoint the endpoint
     * @return the web extension
     */
    @Bean
    @ConditionalOnBean(SchedulerEndpoint.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    SchedulerEndpointWebExtension schedulerEndpointWebExtension(SchedulerEndpoint endpoint) {
        return new SchedulerEndpointWebExtension(endpoint);
    }

    /**
     * Refuses the query parameters and body keys the endpoint's operations do not take.
     *
     * @return the advisor, applied by Spring Boot's endpoint discoverers to the {@code scheduler} endpoint only
     */
    @Bean
    @ConditionalOnBean(SchedulerEndpoint.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = SchedulerEndpoint.class, exposure = EndpointExposure.WEB)
    SchedulerEndpointArgumentsAdvisor schedulerEndpointArgumentsAdvisor() {
        return new SchedulerEndpointArgumentsAdvisor();
    }
}
