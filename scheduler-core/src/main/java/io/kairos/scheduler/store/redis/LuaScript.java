package io.kairos.scheduler.store.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;


/**
 * One Lua script of the Redis job store, loaded from the class path and run with {@code EVALSHA}: one round
 * trip carrying the 40-character digest, never the script text. Only when Redis does not know the script
 * (after a restart or {@code SCRIPT FLUSH}) does it fall back to {@code EVAL}, which caches it again.
 * A script may start with shared helper functions ({@link #load(String, String...)}). Immutable and
 * thread-safe.
 */
final class LuaScript {

    private final String name;

    private final String source;

    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * Loads {@code <name>.lua} from this package's resources, preceded by the text of helper scripts (Redis
     * runs each script on its own, so shared Lua functions are prepended rather than imported).
     *
     * @param name the script name, e.g. {@code acquire}
     * @param helpers names of helper resources, e.g. {@code bulk}, prepended in order (none for a plain script)
     * @return the script
     * @throws IllegalStateException when a resource is missing (a packaging error)
     */
    static LuaScript load(String name, String... helpers) {
        StringBuilder source = new StringBuilder();
        for (String helper : helpers) {
            source.append(resource(helper)).append('\n');
        }
        return new LuaScript(name, source.append(resource(name)).toString());
    }

    private static String resource(String name) {
        String resource = name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + resource + " missing from the class path next to "
                        + LuaScript.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read Lua script " + resource, ex);
        }
    }

    /**
     * A script from source text (tests).
     *
     * @param name the name, for messages
     * @param source the Lua source
     * @return the script
     */
    static LuaScript of(String name, String source) {
        return new LuaScript(name, source);
    }

    /**
     * The SHA-1 digest {@code EVALSHA} names the script by.
     *
     * @return lower-case hex
     */
    String sha() {
        return this.sha;
    }

    /**
     * Runs the script.
     *
     * @param redis the commands of a connection
     * @param type how to read the reply
     * @param keys the keys (all in the order the script expects)
     * @param args the arguments
     * @param <T> the reply type
     * @return the reply
     * @throws io.lettuce.core.RedisException when Redis fails or the script raises an error
     */
    <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, @Nullable String... args) {
        try {
            return redis.evalsha(this.sha, type, keys, args);
        }
        catch (RedisNoScriptException ex) {
            return redis.eval(this.source, type, keys, args);
        }
    }

    /**
     * Sends the script with {@code EVALSHA} and returns without waiting for the reply, so that the caller can prepare
     * and send more commands meanwhile (Redis answers the commands of a connection in the order they were sent).
     *
     * @param redis the asynchronous commands of a connection
     * @param type how to read the reply
     * @param keys the keys (all in the order the script expects)
     * @param args the arguments
     * @param <T> the reply type
     * @return the call, whose reply {@link Sent#await} reads
     */
    <T> Sent<T> send(RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        return new Sent<>(redis, redis.evalsha(this.sha, type, keys, args), type, keys, args);
    }

    /**
     * A call of this script sent with {@link #send}, its reply not read yet. Not thread-safe.
     *
     * @param <T> the reply type
     */
    final class Sent<T> {

        private final RedisAsyncCommands<String, String> redis;

        private final RedisFuture<T> reply;

        private final ScriptOutputType type;

        private final String[] keys;

        private final String[] args;

        private Sent(RedisAsyncCommands<String, String> redis, RedisFuture<T> reply, ScriptOutputType type, String[] keys,
                String[] args) {
            this.redis = redis;
            this.reply = reply;
            this.type = type;
            this.keys = keys;
            this.args = args;
        }

        /**
         * Waits for the reply; when Redis did not know the script, sends it with {@code EVAL} and waits for that
         * reply. A timeout cancels the waiting, not the script: Redis may still run it.
         *
         * @param timeout the longest wait for each reply
         * @return the reply
         * @throws io.lettuce.core.RedisException when Redis fails, the script raises an error, or a reply does not
         *     come within {@code timeout} ({@link io.lettuce.core.RedisCommandTimeoutException})
         */
        T await(Duration timeout) {
            try {
                return LettuceFutures.awaitOrCancel(this.reply, timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            catch (RedisNoScriptException ex) {
                return LettuceFutures.awaitOrCancel(this.redis.<T>eval(LuaScript.this.source, this.type, this.keys, this.args),
                        timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * The script's name, for messages.
     *
     * @return the name
     */
    String name() {
        return this.name;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
        }
    }
}
