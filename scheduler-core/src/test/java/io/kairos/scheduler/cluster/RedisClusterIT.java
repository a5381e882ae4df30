package io.kairos.scheduler.cluster;

import java.util.Map;

/**
 * {@link MultiInstanceClusterTests} on the Redis job store, Redis 127.0.0.1:6379 (runs are still counted in
 * PostgreSQL).
 */
class RedisClusterIT extends MultiInstanceClusterTests {

    @Override
    Map<String, String> storeOptions(String suffix) {
        return Map.of("store", "redis", "redis-uri", "redis://127.0.0.1:6379", "prefix", "kairos-cluster-" + suffix + ".");
    }
}
