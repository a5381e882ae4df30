package io.kairos.scheduler.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuaScriptIT {

    @Test
    void unknownScriptFallsBackToEvalWhichCachesIt() {
        String marker = UUID.randomUUID().toString();
        LuaScript script = LuaScript.of("echo", "-- " + marker + "\nreturn ARGV[1] .. redis.call('TYPE', KEYS[1])['ok']");
        RedisClient client = RedisClient.create(RedisJobStoreIT.URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().scriptExists(script.sha())).containsExactly(false);
            String first = script.run(connection.sync(), ScriptOutputType.VALUE, new String[] {"kairos-it-" + marker}, "x-");
            assertThat(first).isEqualTo("x-none");
            assertThat(connection.sync().scriptExists(script.sha())).containsExactly(true);
            String second = script.run(connection.sync(), ScriptOutputType.VALUE, new String[] {"kairos-it-" + marker}, "y-");
            assertThat(second).isEqualTo("y-none");
        }
        finally {
            client.shutdown();
        }
    }
}
