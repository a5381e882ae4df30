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
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
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

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    @Bean
    @ConditionalOnMissingBean
    DashboardController kairosDashboardController(SchedulerOperations operations, DashboardAccess access,
            KairosProperties properties) {
        path(properties);
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
    WebMvcConfigurer kairosDashboardResources(KairosProperties properties) {
        String path = path(properties);
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
        SecurityFilterChain kairosDashboardSecurityFilterChain(HttpSecurity http, KairosProperties properties) throws Exception {
            String path = path(properties);
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
