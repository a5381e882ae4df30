package io.kairos.scheduler.store.mongodb;

import io.kairos.scheduler.store.JobStoreException;

/**
 * A {@link MongoJobStore} could not use MongoDB when it started: no server of its client answered within the client's
 * server selection timeout, or the server refused the store (authentication, permissions). The driver's exception is
 * the cause.
 */
public class MongoUnreachableException extends JobStoreException {

    private static final long serialVersionUID = 1L;

    private final String alias;

    private final String servers;

    private final String namespace;

    /**
     * Creates the exception.
     *
     * @param alias the store's alias
     * @param servers the servers the client was configured with, e.g. {@code 127.0.0.1:27017}
     * @param namespace the store's database and collection, {@code database.collection}
     * @param cause the driver's exception, not {@code null}
     */
    public MongoUnreachableException(String alias, String servers, String namespace, RuntimeException cause) {
        super("MongoDB job store '" + alias + "' cannot use MongoDB at " + servers + " (" + namespace + "): " + cause.getMessage(), cause);
        this.alias = alias;
        this.servers = servers;
        this.namespace = namespace;
    }

    /**
     * The store's alias.
     *
     * @return the alias, e.g. {@code default}
     */
    public String alias() {
        return this.alias;
    }

    /**
     * The servers the client was configured with.
     *
     * @return host:port pairs separated by commas
     */
    public String servers() {
        return this.servers;
    }

    /**
     * The store's database and collection.
     *
     * @return {@code database.collection}
     */
    public String namespace() {
        return this.namespace;
    }
}
