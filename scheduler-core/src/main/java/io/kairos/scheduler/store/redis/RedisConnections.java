package io.kairos.scheduler.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.time.Duration;

/**
 * The two connections a started {@link RedisJobStore} owns (one for commands, shared by every thread;
 * one for the wake-up subscription) and, when the store was given a URI, the client that made them.
 * Closing closes both connections, and shuts the client down only when this class created it.
 */
final class RedisConnections implements AutoCloseable {

    private final RedisClient client;

    private final boolean ownsClient;

    private final StatefulRedisConnection<String, String> commands;

    private final StatefulRedisPubSubConnection<String, String> pubSub;

    private RedisConnections(RedisClient client, boolean ownsClient, StatefulRedisConnection<String, String> commands,
            StatefulRedisPubSubConnection<String, String> pubSub) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.commands = commands;
        this.pubSub = pubSub;
    }

    /**
     * Opens the connections and subscribes the wake-up channel.
     *
     * @param givenClient the client to use (not closed later), or {@code null} to create one for {@code uri}
     * @param uri the URI to connect to when {@code givenClient} is {@code null}
     * @param timeout the command timeout set on both connections (and, for a created client, its default)
     * @param subscriber the wake-up subscriber
     * @return the open connections
     * @throws io.lettuce.core.RedisException when Redis cannot be reached; whatever was opened is closed
     */
    static RedisConnections open(RedisClient givenClient, RedisURI uri, Duration timeout, RedisWakeupSubscriber subscriber) {
        RedisClient client = givenClient != null ? givenClient : createClient(uri, timeout);
        StatefulRedisConnection<String, String> commands = null;
        StatefulRedisPubSubConnection<String, String> pubSub = null;
        try {
            commands = client.connect(StringCodec.UTF8);
            commands.setTimeout(timeout);
            pubSub = client.connectPubSub(StringCodec.UTF8);
            pubSub.setTimeout(timeout);
            subscriber.subscribe(pubSub);
            return new RedisConnections(client, givenClient == null, commands, pubSub);
        }
        catch (RuntimeException ex) {
            if (pubSub != null) {
                pubSub.close();
            }
            if (commands != null) {
                commands.close();
            }
            if (givenClient == null) {
                client.shutdown();
            }
            throw ex;
        }
    }

    private static RedisClient createClient(RedisURI uri, Duration timeout) {
        RedisClient client = RedisClient.create(uri);
        // Fail commands at once while reconnecting (the scheduler backs off and retries) instead of queueing them.
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
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
        try {
            this.pubSub.close();
            this.commands.close();
        }
        finally {
            if (this.ownsClient) {
                this.client.shutdown();
            }
        }
    }
}
