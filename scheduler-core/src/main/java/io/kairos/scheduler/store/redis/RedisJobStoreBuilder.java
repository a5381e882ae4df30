package io.kairos.scheduler.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * Describes a {@link RedisJobStore}: where Redis is (a client or a URI, exactly one), the key names, the
 * command timeout and (for a client the store creates) the longest delay between reconnect attempts. Not
 * thread-safe; build once.
 */
public final class RedisJobStoreBuilder {

    private @Nullable RedisClient client;

    private @Nullable RedisURI uri;

    /** Where a client given with {@link #client(RedisClient, String)} connects to, for error messages. */
    private @Nullable String clientAddress;

    private RedisJobStoreKeys keys = RedisJobStoreKeys.defaults();

    private Duration commandTimeout = Duration.ofSeconds(RedisJobStore.DEFAULT_TIMEOUT_SECONDS);

    /** {@code null} until set: the default applies, and a client given with {@link #client} may be used. */
    private @Nullable Duration maxReconnectDelay;

    RedisJobStoreBuilder() {
    }

    /**
     * Uses an application's Lettuce client. The store opens its own two connections from it and closes them
     * on shutdown; it never shuts the client down. The client's own timeout options are left alone; the
     * store sets {@link #commandTimeout} on its connections. Its reconnect delay is the client's own (Lettuce's
     * default backs off exponentially up to 30 s, so a scheduler may notice a restarted Redis only that late;
     * give the client {@code ClientResources} with a shorter {@code reconnectDelay}, or use {@link #uri}).
     *
     * @param client the client, connected to the default URI it was created with
     * @return this builder
     */
    public RedisJobStoreBuilder client(RedisClient client) {
        this.client = Objects.requireNonNull(client, "client");
        return this;
    }

    /**
     * Uses an application's Lettuce client, as {@link #client(RedisClient)}, and names the server it connects to:
     * Lettuce does not tell a client's address, and the store names it when it cannot connect
     * ({@link RedisUnreachableException#address()}).
     *
     * @param client the client, connected to the default URI it was created with
     * @param address that URI's {@code host:port}, e.g. {@code 127.0.0.1:6379}; only named in errors, never connected to
     * @return this builder
     */
    public RedisJobStoreBuilder client(RedisClient client, String address) {
        this.clientAddress = Objects.requireNonNull(address, "address");
        return client(client);
    }

    /**
     * Connects to a Redis URI with a client the store creates, and shuts down on {@link RedisJobStore#shutdown()}. That
     * client rejects commands while it reconnects (the scheduler backs off and retries), and retries the connection
     * at most {@link #maxReconnectDelay} apart.
     *
     * @param uri a Lettuce URI, e.g. {@code redis://127.0.0.1:6379/0} or {@code rediss://user:pw@host:6380}
     * @return this builder
     * @throws IllegalArgumentException when the URI cannot be parsed (the message names it)
     */
    public RedisJobStoreBuilder uri(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            this.uri = RedisURI.create(uri);
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("Redis job store uri '" + uri
                    + "' is not a valid Redis URI (e.g. redis://host:6379/0): " + ex.getMessage(), ex);
        }
        return this;
    }

    /**
     * Connects to a Redis URI with a client the store creates, as {@link #uri(String)}.
     *
     * @param uri the URI (host, port, database, credentials, TLS)
     * @return this builder
     */
    public RedisJobStoreBuilder uri(RedisURI uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
        return this;
    }

    /**
     * Uses these key names; the default is {@link RedisJobStoreKeys#defaults()}.
     *
     * @param keys the keys
     * @return this builder
     */
    public RedisJobStoreBuilder keys(RedisJobStoreKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        return this;
    }

    /**
     * Uses {@link RedisJobStoreKeys#withPrefix(String) keys with this prefix}; default {@code kairos.}.
     *
     * @param prefix the key prefix
     * @return this builder
     */
    public RedisJobStoreBuilder keyPrefix(String prefix) {
        return keys(RedisJobStoreKeys.withPrefix(prefix));
    }

    /**
     * How long a Redis command may take before it fails with {@link io.kairos.scheduler.store.JobStoreException}; default
     * {@value RedisJobStore#DEFAULT_TIMEOUT_SECONDS} seconds (Lettuce's own default of 60 s would stall the scheduler).
     *
     * @param commandTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when it is zero or negative
     */
    public RedisJobStoreBuilder commandTimeout(Duration commandTimeout) {
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("Redis job store command-timeout must be positive, got " + commandTimeout);
        }
        this.commandTimeout = commandTimeout;
        return this;
    }

    /**
     * The longest wait between two attempts to reconnect to a Redis that went away, for the client the store
     * creates from a {@link #uri}; default {@value RedisJobStore#DEFAULT_MAX_RECONNECT_DELAY_MILLIS} ms. Each delay
     * is random, at least 100 ms (or this delay, when shorter), growing with the attempts up to this delay, so that
     * many schedulers do not reconnect in step. After a Redis restart the store is
     * back within about this delay; Lettuce's own default (up to 30 s) left schedulers idle for up to 30 s. A client
     * given with {@link #client} keeps its own reconnect settings: setting both is refused by {@link #build()}.
     *
     * @param maxReconnectDelay a duration of at least 1 ms (the delays are whole milliseconds)
     * @return this builder
     * @throws IllegalArgumentException when it is shorter than 1 ms
     */
    public RedisJobStoreBuilder maxReconnectDelay(Duration maxReconnectDelay) {
        Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
        if (maxReconnectDelay.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("Redis job store max-reconnect-delay must be at least 1 ms (delays are whole milliseconds), got "
                    + maxReconnectDelay);
        }
        this.maxReconnectDelay = maxReconnectDelay;
        return this;
    }

    /**
     * Builds the store (it connects on {@link RedisJobStore#start}).
     *
     * @return the store
     * @throws IllegalStateException when neither or both of a client and a URI were given, or a client together with
     *     a max-reconnect-delay (which only a client the store creates can use)
     */
    public RedisJobStore build() {
        if ((this.client == null) == (this.uri == null)) {
            throw new IllegalStateException("Redis job store needs exactly one of client(RedisClient) or uri(String), got "
                    + (this.client == null ? "neither" : "both"));
        }
        if (this.client != null && this.maxReconnectDelay != null) {
            throw new IllegalStateException("Redis job store max-reconnect-delay (" + this.maxReconnectDelay + ") applies only to the "
                    + "client it creates from uri(String); set the reconnect delay on the given client's ClientResources instead");
        }
        Duration reconnect = this.maxReconnectDelay != null ? this.maxReconnectDelay
                : Duration.ofMillis(RedisJobStore.DEFAULT_MAX_RECONNECT_DELAY_MILLIS);
        String address = this.uri != null ? this.uri.getHost() + ":" + this.uri.getPort() : this.clientAddress;
        return new RedisJobStore(this.client, this.uri, address, this.keys, this.commandTimeout, reconnect);
    }
}
