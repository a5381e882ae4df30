package io.kairos.scheduler.store.redis;

import io.kairos.scheduler.store.JobStoreException;

import io.lettuce.core.RedisException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RedisJobStore} could not connect to Redis when it started: nothing listens at the address, or the server
 * refused the connection (authentication, TLS). Lettuce's exception is the cause. Nothing the store opened stays open.
 */
public class RedisUnreachableException extends JobStoreException {

    private static final long serialVersionUID = 1L;

    private final String alias;

    private final @Nullable String address;

    /**
     * Creates the exception.
     *
     * @param alias the store's alias, not {@code null}
     * @param address the address the store connected to, {@code host:port}; {@code null} when it is not known (a
     *     client given with {@link RedisJobStoreBuilder#client(io.lettuce.core.RedisClient)} without an address)
     * @param cause Lettuce's exception, not {@code null}
     */
    public RedisUnreachableException(String alias, @Nullable String address, RedisException cause) {
        super("Redis job store '" + alias + "' cannot connect to " + (address != null ? "Redis at " + address
                : "Redis through the given RedisClient") + ": " + cause.getMessage(), cause);
        this.alias = alias;
        this.address = address;
    }

    /**
     * The store's alias.
     *
     * @return the alias, e.g. {@code default}; never {@code null}
     */
    public String alias() {
        return this.alias;
    }

    /**
     * The address the store connected to.
     *
     * @return {@code host:port}, e.g. {@code 127.0.0.1:6379}; {@code null} when the store was given a client without
     *     its address
     */
    public @Nullable String address() {
        return this.address;
    }
}
