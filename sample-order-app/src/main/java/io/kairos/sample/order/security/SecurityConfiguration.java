package io.kairos.sample.order.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what in the shop. The shop's own API ({@code /skus}, {@code /orders}) is open, as the demo has no
 * customer accounts. Everything that shows or changes jobs needs role {@value #ADMIN}: {@code /admin/jobs} (adds cron
 * jobs), {@code /actuator/scheduler} (every job with its arguments) and the other actuator endpoints except
 * {@code /actuator/health}, whose status stays open for load balancers while its details (job stores, overdue jobs)
 * are shown to {@value #ADMIN} only ({@code management.endpoint.health.show-details: when-authorized}).
 *
 * <p>Clients authenticate with HTTP Basic on every request; no session is created. The user is Spring Boot's
 * {@code spring.security.user} (name {@code admin}, role {@value #ADMIN} in {@code application.yml}); its password
 * is generated and logged at start-up unless given ({@code --spring.security.user.password=...}). CSRF protection
 * is off because no request is authenticated by a cookie: a browser-facing application with form login or sessions
 * must keep it on.
 *
 * <p>The Kairos dashboard ({@code /kairos}) brings its own filter chain, ordered before this one: every request
 * needs a user (HTTP Basic), changes need {@code kairos.dashboard.authority} (here {@code ROLE_ADMIN}) and a CSRF
 * token, since a browser sends Basic credentials by itself.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The role that may see and change jobs. */
    public static final String ADMIN = "ADMIN";

    /**
     * The rules above.
     *
     * @param http Spring Security's builder
     * @return the filter chain
     * @throws Exception when Spring Security cannot build it
     */
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests((requests) -> requests
                .requestMatchers(EndpointRequest.to("health")).permitAll()
                .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ADMIN)
                .requestMatchers("/admin/**").hasRole(ADMIN)
                .anyRequest().permitAll())
            .httpBasic(Customizer.withDefaults())
            .sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf((csrf) -> csrf.disable());
        return http.build();
    }
}
