package io.kairos.scheduler.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;


/**
 * The two connections a started {@link RedisJobStore} owns (one for commands, shared by every thread;
 * one for the wake-up subscription) and, when the store was given a URI, the client that made them and its
 * resources (event loops, reconnect delay). Closing closes both connections, and shuts the client and its
 * resources down only when this class created them. Each time the command connection is connected again after a
 * loss, it calls the {@code reconnected} callback given to {@link #open}.
 */
final class RedisConnections implements AutoCloseable {

    private final RedisClient client;

    private final boolean ownsClient;

    private final StatefulRedisConnection<String, String> commands;

    private final StatefulRedisPubSubConnection<String, String> pubSub;

    private final RedisConnectionStateListener reconnectListener;

    private RedisConnections(RedisClient client, boolean ownsClient, StatefulRedisConnection<String, String> commands,
            StatefulRedisPubSubConnection<String, String> pubSub, RedisConnectionStateListener reconnectListener) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.commands = commands;
        this.pubSub = pubSub;
        this.reconnectListener = reconnectListener;
    }

    /**
     * Opens the connections and subscribes the wake-up channel.
     *
     * @param givenClient the client to use (not closed later), or {@code null} to create one for {@code uri}
     * @param uri the URI to connect to when {@code givenClient} is {@code null}
     * @param timeout the command timeout set on both connections (and, for a created client, its default)
     * @param maxReconnectDelay for a created client, the longest delay between reconnect attempts
     * @param subscriber the wake-up subscriber
     * @param reconnected called (on a Lettuce thread) each time the command connection is connected again after a
     *     loss, so that a scheduler backing off after failed commands tries again at once
     * @return the open connections
     * @throws io.lettuce.core.RedisException when Redis cannot be reached; whatever was opened is closed
     */
    static RedisConnections open(@Nullable RedisClient givenClient, @Nullable RedisURI uri, Duration timeout,
            Duration maxReconnectDelay,
            RedisWakeupSubscriber subscriber, Runnable reconnected) {
        RedisClient client = givenClient != null ? givenClient
                : createClient(Objects.requireNonNull(uri, "a uri when no client is given"), timeout, maxReconnectDelay);
        StatefulRedisConnection<String, String> commands = null;
        StatefulRedisPubSubConnection<String, String> pubSub = null;
        RedisConnectionStateListener listener = null;
        try {
            commands = client.connect(StringCodec.UTF8);
            commands.setTimeout(timeout);
            listener = commandConnectionListener(commands, reconnected);
            client.addListener(listener);
            pubSub = client.connectPubSub(StringCodec.UTF8);
            pubSub.setTimeout(timeout);
            subscriber.subscribe(pubSub);
            return new RedisConnections(client, givenClient == null, commands, pubSub, listener);
        }
        catch (RuntimeException ex) {
            if (listener != null) {
                client.removeListener(listener);
            }
            if (pubSub != null) {
                pubSub.close();
            }
            if (commands != null) {
                commands.close();
            }
            if (givenClient == null) {
                shutdown(client);
            }
            throw ex;
        }
    }

    /**
     * A listener, added to the client after the command connection is open, that calls {@code reconnected} when that
     * connection (and no other of the client, which may be the application's) is connected again. Lettuce calls it
     * once the connection is active, so commands sent from the callback's consequences are not rejected.
     */
    private static RedisConnectionStateListener commandConnectionListener(StatefulRedisConnection<String, String> commands,
            Runnable reconnected) {
        return new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == commands) {
                    reconnected.run();
                }
            }
        };
    }

    private static RedisClient createClient(RedisURI uri, Duration timeout, Duration maxReconnectDelay) {
        ClientResources resources = ClientResources.builder().reconnectDelay(reconnectDelay(maxReconnectDelay)).build();
        RedisClient client = RedisClient.create(resources, uri);
        // Fail commands at once while reconnecting (the scheduler backs off and retries) instead of queueing them.
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    /**
     * The delay before each reconnect attempt: random (Lettuce's "equal jitter"), so schedulers sharing a Redis
     * spread out; its range grows with the attempts (50 ms times a power of two) but it stays between 100 ms
     * and {@code max} (always {@code max} when that is 100 ms or less).
     *
     * @param max the longest delay, at least 1 ms (checked by the builder)
     * @return the delay
     */
    static Delay reconnectDelay(Duration max) {
        long maxMillis = max.toMillis();
        if (maxMillis <= 100) {
            return Delay.constant(Duration.ofMillis(maxMillis));
        }
        return Delay.equalJitter(100, maxMillis, 50, TimeUnit.MILLISECONDS);
    }

    private static void shutdown(RedisClient client) {
        // a client created with resources of its own does not shut them down
        ClientResources resources = client.getResources();
        try {
            client.shutdown();
        }
        finally {
            resources.shutdown();
        }
    }

    /**
     * The synchronous commands of the command connection; thread-safe.
     *
     * @return the commands
     */
    RedisCommands<String, String> commands() {
        return this.commands.sync();
    }

    /**
     * The asynchronous commands of the command connection (the same connection as {@link #commands()}); thread-safe.
     *
     * @return the commands
     */
    RedisAsyncCommands<String, String> asyncCommands() {
        return this.commands.async();
    }

    /**
     * The command connection, for tests that need to occupy it.
     *
     * @return the connection
     */
    StatefulRedisConnection<String, String> commandConnection() {
        return this.commands;
    }

    /**
     * The subscription connection, for tests that need to break it.
     *
     * @return the connection
     */
    StatefulRedisPubSubConnection<String, String> pubSub() {
        return this.pubSub;
    }

    @Override
    public void close() {
        this.client.removeListener(this.reconnectListener);
        try {
            this.pubSub.close();
            this.commands.close();
        }
        finally {
            if (this.ownsClient) {
                shutdown(this.client);
            }
        }
    }
}
