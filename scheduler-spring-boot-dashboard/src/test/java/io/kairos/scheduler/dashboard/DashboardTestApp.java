package io.kairos.scheduler.dashboard;

import java.util.concurrent.atomic.AtomicInteger;

import io.kairos.scheduler.boot.annotation.ScheduledJob;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A small application with a few declared jobs: one that refreshes reports every hour, a nightly cron, and an
 * import that always fails.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DashboardTestApp {

    /** Properties that exclude Spring Security's auto-configuration, for the tests without it. */
    public static final String NO_SECURITY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration";

    @Bean
    Reports reports() {
        return new Reports();
    }

    @Bean
    Imports imports() {
        return new Imports();
    }

    /** Reports, refreshed every hour; counts its runs. */
    public static class Reports {

        /** How often the task ran. */
        public final AtomicInteger refreshed = new AtomicInteger();

        @ScheduledJob(id = "reports.refresh", interval = "1h")
        public void refresh() {
            this.refreshed.incrementAndGet();
        }

        @ScheduledJob(id = "nightly.cleanup", cron = "0 3 * * *")
        public void cleanup() {
        }

        /**
         * An export with a note, for jobs with arguments.
         *
         * @param note any text
         */
        public void export(String note) {
        }
    }

    /** An import whose source is gone. */
    public static class Imports {

        @ScheduledJob(id = "imports.fetch", interval = "2h")
        public void fetch() {
            throw new IllegalStateException("supplier feed https://feeds.example/prices answered 503");
        }
    }
}
