package io.kairos.scheduler.store.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a {@link ZooKeeperIndex} up to date: two {@link CuratorCache}s (on {@code due} and {@code leases}) feed it,
 * in the order ZooKeeper applied the changes. Other instances' changes arrive by watch (a few milliseconds late);
 * this store's own changes are made visible before it answers from the index by a <em>sync marker</em>: an
 * ephemeral znode {@code due/.sync-<random>} that {@link #catchUp()} writes and waits to see come back through the
 * cache, after every event written before it. The marker is written only when the store wrote something since the
 * last one, so a pass that changed nothing costs nothing. Thread-safe.
 */
final class ZooKeeperCaches {

    private final CuratorFramework client;

    private final ZooKeeperPaths paths;

    private final ZooKeeperIndex index;

    private final String marker;

    private final Duration timeout;

    private final AtomicLong markerCount = new AtomicLong();

    private final AtomicBoolean dirty = new AtomicBoolean(true);

    private final Object seenLock = new Object();

    private final Object markerWriteLock = new Object();

    private long seen = -1;

    private volatile LongConsumer beforeMarkerWrite = (count) -> { };

    private @Nullable CuratorCache due;

    private @Nullable CuratorCache leases;

    ZooKeeperCaches(CuratorFramework client, ZooKeeperPaths paths, ZooKeeperIndex index, Duration timeout) {
        this.client = client;
        this.paths = paths;
        this.index = index;
        this.timeout = timeout;
        this.marker = paths.due() + "/" + ZooKeeperPaths.MARKER_PREFIX + "sync-" + UUID.randomUUID();
    }

    /**
     * Starts both caches and waits until they have loaded what is stored.
     *
     * @throws Exception when ZooKeeper fails, or the load takes longer than the timeout
     */
    void start() throws Exception {
        CuratorCache dueCache = CuratorCache.build(this.client, this.paths.due());
        CuratorCache leaseCache = CuratorCache.build(this.client, this.paths.leases());
        this.due = dueCache;
        this.leases = leaseCache;
        CountDownLatch loaded = new CountDownLatch(2);
        dueCache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((old, node) -> dueChanged(node))
                .forDeletes(this.index::dueDeleted)
                .forInitialized(loaded::countDown)
                .build());
        leaseCache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((old, node) -> this.index.leaseChanged(node))
                .forDeletes(this.index::leaseDeleted)
                .forInitialized(loaded::countDown)
                .build());
        dueCache.start();
        leaseCache.start();
        if (!loaded.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("the job index was not loaded within " + this.timeout.toMillis() + " ms");
        }
    }

    void close() {
        if (this.due != null) {
            this.due.close();
        }
        if (this.leases != null) {
            this.leases.close();
        }
        try {
            this.client.delete().quietly().forPath(this.marker);
        }
        catch (Exception ex) {
            // the marker is ephemeral: it goes with the session anyway
        }
    }

    private void dueChanged(ChildData node) {
        if (node.getPath().equals(this.marker)) {
            long count = Long.parseLong(new String(node.getData(), StandardCharsets.UTF_8));
            synchronized (this.seenLock) {
                this.seen = Math.max(this.seen, count);
                this.seenLock.notifyAll();
            }
            return;
        }
        this.index.dueChanged(node);
    }

    /**
     * Test seam: a callback run by {@link #catchUp()} after it numbered a marker and before it writes it, on the
     * catching-up thread, while it holds the lock that keeps numbering and writing together.
     *
     * @param hook receives the marker's number
     */
    void beforeMarkerWrite(LongConsumer hook) {
        this.beforeMarkerWrite = hook;
    }

    /** Notes that this store wrote something the index must show before it is next read. */
    void wrote() {
        this.dirty.set(true);
    }

    /**
     * Makes every change this store made so far visible in the index: writes the sync marker and waits until the
     * cache delivered it. Does nothing when the store wrote nothing since the last call.
     *
     * @throws Exception when ZooKeeper fails, or the marker does not come back within the timeout
     */
    void catchUp() throws Exception {
        if (!this.dirty.getAndSet(false)) {
            return;
        }
        try {
            long count;
            // numbered and written under one lock: two threads catching up at once must write their numbers in
            // order, or the larger one is overwritten by the smaller and its writer waits for a value never seen
            synchronized (this.markerWriteLock) {
                count = this.markerCount.incrementAndGet();
                this.beforeMarkerWrite.accept(count);
                byte[] data = Long.toString(count).getBytes(StandardCharsets.UTF_8);
                try {
                    this.client.setData().forPath(this.marker, data);
                }
                catch (KeeperException.NoNodeException ex) {
                    try {
                        this.client.create().withMode(CreateMode.EPHEMERAL).forPath(this.marker, data);
                    }
                    catch (KeeperException.NodeExistsException raced) {
                        this.client.setData().forPath(this.marker, data);
                    }
                }
            }
            long deadline = System.nanoTime() + this.timeout.toNanos();
            synchronized (this.seenLock) {
                while (this.seen < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TimeoutException("the job index did not catch up within " + this.timeout.toMillis() + " ms");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this.seenLock, left);
                }
            }
        }
        catch (Exception ex) {
            this.dirty.set(true);
            throw ex;
        }
    }
}
