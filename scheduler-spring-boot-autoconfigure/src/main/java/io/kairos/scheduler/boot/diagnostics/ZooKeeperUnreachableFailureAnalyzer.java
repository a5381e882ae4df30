package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.store.zookeeper.ZooKeeperUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link ZooKeeperUnreachableException} raised during start-up: a zookeeper job store found no server at
 * its connect string. Names the property that set it.
 */
class ZooKeeperUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<ZooKeeperUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ZooKeeperUnreachableException cause) {
        String prefix = "kairos.jobstores." + cause.alias() + ".";
        return new FailureAnalysis("The Kairos job store '" + cause.alias() + "' could not reach ZooKeeper.\n\n    Property: " + prefix
                + "connect-string\n    Value: " + cause.connectString() + "\n    Reason: " + cause.getMessage(),
                "Start ZooKeeper there, or set " + prefix + "connect-string to a reachable host:port[,host:port...] (or define a "
                        + "CuratorFramework bean); a slow network may need a longer " + prefix + "connection-timeout.",
                cause);
    }
}
