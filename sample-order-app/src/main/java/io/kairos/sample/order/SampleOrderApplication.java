package io.kairos.sample.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Kairos sample shop: orders that stay unpaid for {@code orders.payment-timeout} are cancelled by a Kairos
 * {@code date} job and their stock and sales are given back (the "cancel the order after 30 minutes" use of
 * APScheduler's tutorials, done with one shared, persistent scheduler instead of one scheduler per order).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleOrderApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot command-line arguments, e.g. {@code --orders.payment-timeout=20s}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleOrderApplication.class, args);
    }
}
