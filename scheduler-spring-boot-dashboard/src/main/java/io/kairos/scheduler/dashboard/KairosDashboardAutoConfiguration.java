package io.kairos.scheduler.dashboard;

import java.util.regex.Pattern;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import io.kairos.scheduler.boot.autoconfigure.KairosProperties;
import io.kairos.scheduler.boot.operations.SchedulerOperations;
import io.kairos.scheduler.input.InputText;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard, when {@code kairos.dashboard.enabled=true} in a servlet web application with a Kairos scheduler.
 * With Spring Security on the class path it adds a filter chain for {@code kairos.dashboard.path}: every request
 * authenticated (HTTP Basic), changes need {@code kairos.dashboard.authority}, CSRF protection on. Replace that
 * chain with a bean named {@value #SECURITY_CHAIN}. It is ordered after Spring Boot's web security so that
 * Boot's default chain for the rest of the application stays in place.
 */
@AutoConfiguration(after = KairosAutoConfiguration.class,
        afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "kairos.dashboard.enabled", havingValue = "true")
@ConditionalOnBean(SchedulerOperations.class)
public final class KairosDashboardAutoConfiguration {

    /** The name of the dashboard's security filter chain bean. */
    public static final String SECURITY_CHAIN = "kairosDashboardSecurityFilterChain";

    private static final String ACTUATOR_BASE_PATH = "management.endpoints.web.base-path";

    private static final String ACTUATOR_WEB_ENDPOINTS =
            "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties";

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    @Bean
    @ConditionalOnMissingBean
    DashboardController kairosDashboardController(SchedulerOperations operations, DashboardAccess access,
            KairosProperties properties, Environment environment) {
        path(properties, environment);
        return new DashboardController(operations, access, properties.getDashboard().getPollInterval());
    }

    /**
     * Without Spring Security (or with its web security off): {@code kairos.dashboard.read-only} alone decides,
     * read-only unless set to false.
     *
     * @param properties the properties
     * @return the access
     */
    @Bean
    @ConditionalOnMissingBean
    DashboardAccess kairosDashboardAccess(KairosProperties properties) {
        Boolean readOnly = properties.getDashboard().getReadOnly();
        return new PropertyDashboardAccess(readOnly == null || readOnly);
    }

    @Bean
    WebMvcConfigurer kairosDashboardResources(KairosProperties properties, Environment environment) {
        String path = path(properties, environment);
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(path + "/assets/**").addResourceLocations("classpath:/kairos-dashboard/");
                registry.addResourceHandler(path + "/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/");
            }
        };
    }

    /**
     * The dashboard path, checked.
     *
     * @param properties the properties
     * @return e.g. {@code /kairos}
     * @throws KairosConfigurationException naming the property when the path is not one
     */
    static String path(KairosProperties properties) {
        String path = properties.getDashboard().getPath();
        if (path == null || !PATH.matcher(path).matches()) {
            throw new KairosConfigurationException("kairos.dashboard.path", path == null ? null : InputText.shorten(path), "is not a path",
                    "Give '/' followed by segments of letters, digits, '.', '_', '~' or '-', without a trailing '/', "
                    + "e.g. '/kairos' (the default) or '/ops/jobs'");
        }
        return path;
    }

    /**
     * The dashboard path, checked, and checked apart from the actuator's web endpoints when the actuator is on the
     * class path: a dashboard at, under or above {@code management.endpoints.web.base-path} would share its URLs
     * ({@code /actuator/} answering with the dashboard page) and its security filter chain would take over the
     * actuator's.
     *
     * @param properties the properties
     * @param environment where the actuator's base path is read
     * @return e.g. {@code /kairos}
     * @throws KairosConfigurationException naming {@code kairos.dashboard.path} (and the actuator's base path with
     *     its value) when the path is not one, or overlaps the actuator's
     */
    static String path(KairosProperties properties, Environment environment) {
        String path = path(properties);
        if (ClassUtils.isPresent(ACTUATOR_WEB_ENDPOINTS, KairosDashboardAutoConfiguration.class.getClassLoader())) {
            checkApartFromActuator(path, environment.getProperty(ACTUATOR_BASE_PATH, "/actuator"));
        }
        return path;
    }

    /**
     * Refuses a dashboard path equal to the actuator's base path, under it, or above it.
     *
     * @param path the dashboard path, checked already
     * @param actuatorBasePath the value of {@code management.endpoints.web.base-path}; empty or {@code /} maps the
     *     endpoints at the root, by their ids, which no dashboard path of segments overlaps as a whole
     * @throws KairosConfigurationException naming both properties and their values
     */
    static void checkApartFromActuator(String path, String actuatorBasePath) {
        String base = actuatorBasePath.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.isEmpty()) {
            return;
        }
        if (!base.startsWith("/")) {
            base = "/" + base;
        }
        String relation = path.equals(base) ? "is the actuator's base path"
                : path.startsWith(base + "/") ? "is under the actuator's base path"
                : base.startsWith(path + "/") ? "holds the actuator's base path" : null;
        if (relation != null) {
            throw new KairosConfigurationException("kairos.dashboard.path", path, relation + " (" + ACTUATOR_BASE_PATH
                    + " = '" + actuatorBasePath + "'), so the dashboard and the actuator endpoints would share URLs and "
                    + "the dashboard's security filter chain would take over the actuator's",
                    "Give the dashboard a path apart from the actuator's, e.g. '/kairos' (the default), or move the "
                            + "actuator with " + ACTUATOR_BASE_PATH + " (e.g. '/manage')");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
    @ConditionalOnBean(HttpSecurity.class)
    static class SecurityAccessConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DashboardAccess kairosDashboardSecurityAccess(KairosProperties properties) {
            Boolean readOnly = properties.getDashboard().getReadOnly();
            return new SecurityDashboardAccess(properties.getDashboard().getAuthority(), readOnly != null && readOnly);
        }

        @Bean(SECURITY_CHAIN)
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        @ConditionalOnMissingBean(name = SECURITY_CHAIN)
        SecurityFilterChain kairosDashboardSecurityFilterChain(HttpSecurity http, KairosProperties properties,
                Environment environment) throws Exception {
            String path = path(properties, environment);
            String authority = properties.getDashboard().getAuthority();
            http.securityMatcher(path, path + "/**")
                .authorizeHttpRequests((requests) -> requests
                    .requestMatchers(HttpMethod.POST).hasAuthority(authority)
                    .requestMatchers(HttpMethod.DELETE).hasAuthority(authority)
                    .anyRequest().authenticated())
                .httpBasic((basic) -> basic.realmName("Kairos dashboard"));
            return http.build();
        }
    }
}
