package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.store.JobStore;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds jdbc job stores. (Waiting for the core's JdbcJobStore.)
 */
final class JdbcJobStores {

    private JdbcJobStores() {
    }

    static JobStore create(String alias, KairosProperties.Store properties, ListableBeanFactory beanFactory) {
        throw new KairosConfigurationException("kairos.jobstores." + alias + ".type", "jdbc", "is not available yet",
                "Use memory or redis");
    }
}
