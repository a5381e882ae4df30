package io.kairos.scheduler.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuaScriptIT {

    private final String marker = UUID.randomUUID().toString();

    /** A script Redis has not seen (its text holds a fresh marker): it echoes its argument and its key's type. */
    private final LuaScript script = LuaScript.of("echo", "-- " + this.marker + "\nreturn ARGV[1] .. redis.call('TYPE', KEYS[1])['ok']");

    private final String[] keys = {"kairos-it-" + this.marker};

    @Test
    void unknownScriptFallsBackToEvalWhichCachesIt() {
        onConnection((connection) -> {
            assertThat(connection.sync().scriptExists(this.script.sha())).containsExactly(false);
            String first = this.script.run(connection.sync(), ScriptOutputType.VALUE, this.keys, "x-");
            assertThat(first).isEqualTo("x-none");
            assertThat(connection.sync().scriptExists(this.script.sha())).containsExactly(true);
            String second = this.script.run(connection.sync(), ScriptOutputType.VALUE, this.keys, "y-");
            assertThat(second).isEqualTo("y-none");
        });
    }

    @Test
    void unknownScriptSentWithoutWaitingFallsBackToEvalWhenItsReplyIsAwaited() {
        onConnection((connection) -> {
            LuaScript.Sent<String> first = this.script.send(connection.async(), ScriptOutputType.VALUE, this.keys, "x-");
            LuaScript.Sent<String> second = this.script.send(connection.async(), ScriptOutputType.VALUE, this.keys, "y-");
            assertThat(first.await(Duration.ofSeconds(10))).isEqualTo("x-none");
            assertThat(second.await(Duration.ofSeconds(10))).isEqualTo("y-none");
            assertThat(connection.sync().scriptExists(this.script.sha())).containsExactly(true);
        });
    }

    private static void onConnection(Consumer<StatefulRedisConnection<String, String>> test) {
        RedisClient client = RedisClient.create(RedisJobStoreIT.URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            test.accept(connection);
        }
        finally {
            client.shutdown();
        }
    }
}
