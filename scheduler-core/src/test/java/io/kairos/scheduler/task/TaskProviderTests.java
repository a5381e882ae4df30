package io.kairos.scheduler.task;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskProviderTests {

    @Test
    void providersFoundByServiceLoaderRegisterStablePortableTasks() throws Exception {
        TaskRegistry registry = TaskRegistry.withServiceLoaderProviders(getClass().getClassLoader());
        assertThat(registry.registeredNames()).contains("provided.ping", "provided.count", "provided.noop");
        Task ping = registry.resolve("provided.ping");
        assertThat(ping.hasStableName()).isTrue();
        assertThat(ping.isPortable()).isTrue();
        assertThat(ping.invoke(List.of(), Map.of())).isEqualTo("pong");
        assertThat(registry.resolve("provided.count").invoke(List.of(1, 2), Map.of("a", 3))).isEqualTo(3);
    }

    @Test
    void loadingProvidersTwiceReportsTheDuplicateName() {
        TaskRegistry registry = new TaskRegistry(getClass().getClassLoader(), tools.jackson.databind.json.JsonMapper.shared());
        assertThat(registry.registerServiceLoaderProviders()).isEqualTo(1);
        assertThatThrownBy(registry::registerServiceLoaderProviders)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("task name 'provided.ping' is already registered");
    }

    @Test
    void aClassLoaderWithoutProvidersGivesNone() {
        TaskRegistry registry = TaskRegistry.withServiceLoaderProviders(new ClassLoader(null) {
        });
        assertThat(registry.registeredNames()).isEmpty();
    }
}
