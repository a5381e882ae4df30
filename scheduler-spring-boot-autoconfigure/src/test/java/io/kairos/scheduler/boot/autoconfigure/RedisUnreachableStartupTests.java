package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.store.redis.RedisUnreachableException;

import java.io.IOException;
import java.net.ServerSocket;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redis job store whose Redis is down at start-up (a loopback port nothing listens on): start-up fails with a
 * {@link RedisUnreachableException}, and the failure analyzer names the store, the address tried, Lettuce's reason and
 * the {@code spring.data.redis.*} / {@code kairos.jobstores.<alias>.*} properties to check.
 */
class RedisUnreachableStartupTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, KairosAutoConfiguration.class));

    private int deadPort;

    @BeforeEach
    void findAPortNothingListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.deadPort = socket.getLocalPort();
        }
    }

    @Test
    void theApplicationsRedisSettingsPointingNowhereFailStartUpNamingTheStoreTheAddressAndTheProperties() {
        this.runner.withPropertyValues("kairos.jobstores.cache.type=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + this.deadPort)
            .run((context) -> {
                assertThat(context).getFailure().hasRootCauseInstanceOf(java.net.ConnectException.class);
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
                String address = "127.0.0.1:" + this.deadPort;
                assertThat(analysis.getCause()).isInstanceOf(RedisUnreachableException.class);
                assertThat(analysis.getDescription()).startsWith("The Kairos job store 'cache' (kairos.jobstores.cache.type: redis)"
                        + " could not connect to Redis at " + address + ".")
                    .contains("Address: " + address + " (spring.data.redis.host and spring.data.redis.port, or spring.data.redis.url)")
                    .containsPattern("Reason: Unable to connect to .*" + this.deadPort + ".*Connection refused");
                assertThat(analysis.getAction()).startsWith("Check that Redis runs at " + address)
                    .contains("spring.data.redis.host and spring.data.redis.port (or spring.data.redis.url)",
                            "change kairos.jobstores.cache.type");
            });
    }

    @Test
    void anApplicationsOwnClientPointingNowhereFailsStartUpNamingTheStoreAndTheBean() {
        RedisClient own = RedisClient.create("redis://127.0.0.1:" + this.deadPort);
        try {
            this.runner.withBean("shopRedis", RedisClient.class, () -> own)
                .withPropertyValues("kairos.jobstores.orders.type=redis")
                .run((context) -> {
                    FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).startsWith("The Kairos job store 'orders' (kairos.jobstores.orders.type:"
                            + " redis) could not connect to Redis through the application's RedisClient bean.")
                        .contains("Address: unknown: the application's own RedisClient bean decides it")
                        // Lettuce's own message names the address it tried
                        .containsPattern("Reason: Unable to connect to .*" + this.deadPort);
                    assertThat(analysis.getAction()).startsWith("Check that Redis runs where the application's RedisClient bean"
                            + " connects to").contains("change kairos.jobstores.orders.type");
                });
        }
        finally {
            own.shutdown();
        }
    }
}
