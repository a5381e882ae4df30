package io.kairos.scheduler.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.Delay;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisJobStoreBuilderTests {

    @Test
    void needsAClientOrAUri() {
        assertThatThrownBy(() -> RedisJobStore.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither");
    }

    @Test
    void badUriIsRefusedNamingIt() {
        assertThatThrownBy(() -> RedisJobStore.builder().uri("http://nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uri 'http://nowhere'");
    }

    @Test
    void commandTimeoutMustBePositive() {
        assertThatThrownBy(() -> RedisJobStore.builder().commandTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command-timeout").hasMessageContaining("PT0S");
    }

    @Test
    void maxReconnectDelayMustBePositive() {
        assertThatThrownBy(() -> RedisJobStore.builder().maxReconnectDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-reconnect-delay").hasMessageContaining("PT-0.001S");
    }

    @Test
    void maxReconnectDelayIsWholeMilliseconds() {
        assertThatThrownBy(() -> RedisJobStore.builder().maxReconnectDelay(Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms").hasMessageContaining("PT0.0005S");
    }

    @Test
    void maxReconnectDelayWithAGivenClientIsRefusedInsteadOfIgnored() {
        RedisClient client = RedisClient.create();
        try {
            assertThatThrownBy(() -> RedisJobStore.builder().client(client).maxReconnectDelay(Duration.ofSeconds(2)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("max-reconnect-delay (PT2S)")
                    .hasMessageContaining("ClientResources");
        }
        finally {
            client.shutdown();
        }
    }

    @Test
    void reconnectDelayStaysBetweenAHundredMillisecondsAndTheMaximum() {
        Delay delay = RedisConnections.reconnectDelay(Duration.ofSeconds(1));
        for (long attempt = 1; attempt <= 40; attempt++) {
            assertThat(delay.createDelay(attempt)).as("attempt " + attempt).isBetween(Duration.ofMillis(100), Duration.ofSeconds(1));
        }
        assertThat(RedisConnections.reconnectDelay(Duration.ofMillis(20)).createDelay(30)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void builtStoreIsSharedAndDoesNotConnectBeforeStart() {
        RedisJobStore store = RedisJobStore.builder().uri("redis://127.0.0.1:1").build();
        assertThat(store.isShared()).isTrue();
        assertThat(store.connections()).isNull();
    }
}
