package io.kairos.scheduler.store.redis;

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
    void builtStoreIsSharedAndDoesNotConnectBeforeStart() {
        RedisJobStore store = RedisJobStore.builder().uri("redis://127.0.0.1:1").build();
        assertThat(store.isShared()).isTrue();
        assertThat(store.connections()).isNull();
    }
}
