package io.kairos.scheduler.benchmarks.e2e;

/**
 * How a peer is configured for one run: worker threads per instance, instances sharing the store, and the
 * polling interval for polling peers. Connection pools are {@code threads + 3} per instance.
 *
 * @param threads worker threads per instance
 * @param instances scheduler instances (store peers; in the same JVM)
 * @param pollMillis polling interval in milliseconds for peers that poll
 */
public record PeerConfig(int threads, int instances, long pollMillis) {

    /** @return connections per instance's pool */
    public int poolSize() {
        return this.threads + 3;
    }
}
