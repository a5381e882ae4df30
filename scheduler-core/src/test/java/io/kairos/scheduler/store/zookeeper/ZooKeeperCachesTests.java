package io.kairos.scheduler.store.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sync marker of {@link ZooKeeperCaches} against a real ZooKeeper server in this JVM: two threads of one store
 * catching up at once write their marker numbers in the order they took them.
 */
class ZooKeeperCachesTests {

    @RegisterExtension
    static final InProcessZooKeeper zooKeeper = new InProcessZooKeeper();

    private final ZooKeeperPaths paths = ZooKeeperPaths.under("/caches-test");

    /**
     * The interleaving that lost a marker before numbering and writing shared a lock: the first thread takes number
     * 1 and stops before writing it (the {@code beforeMarkerWrite} seam); a second thread catches up meanwhile. It
     * must wait for the first thread's write (blocked on the lock) rather than take number 2 and write it first, or
     * the first thread's late write puts 1 back over 2 and the second waits for a 2 the cache may never see.
     */
    @Test
    void twoThreadsCatchingUpAtOnceWriteTheirMarkerNumbersInOrder() throws Exception {
        zooKeeper.deleteTree(this.paths.root());
        zooKeeper.raw().create().creatingParentsIfNeeded().forPath(this.paths.due());
        zooKeeper.raw().create().creatingParentsIfNeeded().forPath(this.paths.leases());
        ZooKeeperCaches caches = new ZooKeeperCaches(zooKeeper.raw(), this.paths, new ZooKeeperIndex(() -> { }), Duration.ofSeconds(10));
        caches.start();
        try {
            AtomicReference<CompletableFuture<Void>> second = new AtomicReference<>();
            caches.beforeMarkerWrite((count) -> {
                if (count != 1) {
                    return;
                }
                caches.wrote();
                CompletableFuture<Void> done = new CompletableFuture<>();
                Thread thread = new Thread(() -> {
                    try {
                        caches.catchUp();
                        done.complete(null);
                    }
                    catch (Throwable ex) {
                        done.completeExceptionally(ex);
                    }
                }, "second-catch-up");
                second.set(done);
                thread.start();
                // go on once the second thread waits for the marker lock (the fix) or has written its number (the race)
                await().atMost(Duration.ofMinutes(1)).until(() -> waitsForTheMarkerLock(thread) || "2".equals(markerValue()));
            });
            caches.catchUp();
            second.get().get(1, TimeUnit.MINUTES);
            assertThat(markerValue()).isEqualTo("2");
        }
        finally {
            caches.close();
        }
    }

    private static boolean waitsForTheMarkerLock(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return thread.getState() == Thread.State.BLOCKED && stack.length > 0 && stack[0].getMethodName().equals("catchUp")
                && stack[0].getClassName().equals(ZooKeeperCaches.class.getName());
    }

    private String markerValue() throws Exception {
        List<String> markers = zooKeeper.raw().getChildren().forPath(this.paths.due()).stream()
                .filter((child) -> child.startsWith(ZooKeeperPaths.MARKER_PREFIX + "sync-")).toList();
        assertThat(markers).hasSize(1);
        return new String(zooKeeper.raw().getData().forPath(this.paths.due() + "/" + markers.get(0)), StandardCharsets.UTF_8);
    }
}
