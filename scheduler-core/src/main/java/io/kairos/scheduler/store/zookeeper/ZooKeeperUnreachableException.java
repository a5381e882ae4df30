package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.store.JobStoreException;

/**
 * A {@link ZooKeeperJobStore} could not reach ZooKeeper when it started: no server in the connect string answered
 * within the connection timeout.
 */
public class ZooKeeperUnreachableException extends JobStoreException {

    private static final long serialVersionUID = 1L;

    private final String alias;

    private final String connectString;

    /**
     * Creates the exception.
     *
     * @param alias the store's alias
     * @param connectString the connect string tried
     * @param timeoutMillis how long the store waited, in milliseconds
     */
    public ZooKeeperUnreachableException(String alias, String connectString, long timeoutMillis) {
        super("ZooKeeper job store '" + alias + "' cannot connect to ZooKeeper at " + connectString + " within " + timeoutMillis
                + " ms", null);
        this.alias = alias;
        this.connectString = connectString;
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
     * The connect string tried.
     *
     * @return the connect string
     */
    public String connectString() {
        return this.connectString;
    }
}
