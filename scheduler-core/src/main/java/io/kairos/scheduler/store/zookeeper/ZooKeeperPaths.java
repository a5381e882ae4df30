package io.kairos.scheduler.store.zookeeper;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.zookeeper.common.PathUtils;
import org.jspecify.annotations.Nullable;

/**
 * The znodes a {@link ZooKeeperJobStore} uses under its root path (default {@value #DEFAULT_ROOT}):
 * <ul>
 * <li>{@code <root>/jobs/<id>} — persistent, the job's JSON (the codec's); its znode version + 1 is the job's
 * version;</li>
 * <li>{@code <root>/due/<id>} — persistent, one per job, written in the same transaction as the job: the next run
 * time in epoch milliseconds, or empty when the job is paused or broken (the index every instance caches);</li>
 * <li>{@code <root>/leases/<id>} — <em>ephemeral</em>, of the lease holder's session: owner, lease expiry, and the
 * creation zxid of the job znode it leases;</li>
 * <li>{@code <root>/broken/<id>} — persistent, the reason a job znode whose JSON cannot be read is broken (its JSON
 * is left as it is);</li>
 * <li>{@code <root>/finished/<id>} — persistent, the {@code FINISHED} marker a job whose id was chosen leaves when its
 * trigger finishes: when it finished (epoch milliseconds, the store's clock), a newline, then the finished job's
 * JSON;</li>
 * <li>{@code <root>/runs/<id>/<finished at>~<outcome>~<run id>} — persistent, one per run of the job's history (the
 * record's JSON, {@link io.kairos.scheduler.store.RunRecordCodec}); {@code runs/<id>} is a <em>container</em> znode,
 * which the server deletes once retention removed its last run; {@code runs/.retention} is the retention lease
 * (see {@link ZooKeeperRunHistory}).</li>
 * </ul>
 * A job id becomes a znode name URL-encoded, with {@code .} and {@code *} encoded too, so that any id (slashes,
 * {@code .}, {@code ..} included) is a valid name. Immutable and thread-safe.
 */
final class ZooKeeperPaths {

    /** The default root path. */
    static final String DEFAULT_ROOT = "/kairos";

    /** Names starting with this are the stores' own sync markers, not jobs (encoded ids never start with a dot). */
    static final String MARKER_PREFIX = ".";

    private final String root;

    private ZooKeeperPaths(String root) {
        this.root = root;
    }

    /**
     * The paths under a root.
     *
     * @param root an absolute ZooKeeper path such as {@code /kairos} or {@code /apps/orders/kairos}; not {@code /}
     * @return the paths
     * @throws IllegalArgumentException naming the value when it is not a valid absolute path
     */
    static ZooKeeperPaths under(String root) {
        Objects.requireNonNull(root, "root");
        try {
            PathUtils.validatePath(root);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("ZooKeeper job store root-path '" + root + "' is not a valid absolute ZooKeeper path "
                    + "(e.g. /kairos): " + ex.getMessage(), ex);
        }
        if (root.equals("/")) {
            throw new IllegalArgumentException("ZooKeeper job store root-path must not be '/': the store needs a znode of its own, "
                    + "e.g. /kairos");
        }
        return new ZooKeeperPaths(root);
    }

    String root() {
        return this.root;
    }

    String jobs() {
        return this.root + "/jobs";
    }

    String due() {
        return this.root + "/due";
    }

    String leases() {
        return this.root + "/leases";
    }

    String broken() {
        return this.root + "/broken";
    }

    String finished() {
        return this.root + "/finished";
    }

    String runs() {
        return this.root + "/runs";
    }

    String runs(String id) {
        return runs() + "/" + encode(id);
    }

    String retentionLease() {
        return runs() + "/" + MARKER_PREFIX + "retention";
    }

    String job(String id) {
        return jobs() + "/" + encode(id);
    }

    String due(String id) {
        return due() + "/" + encode(id);
    }

    String lease(String id) {
        return leases() + "/" + encode(id);
    }

    String broken(String id) {
        return broken() + "/" + encode(id);
    }

    String finished(String id) {
        return finished() + "/" + encode(id);
    }

    /**
     * The job id of a child znode of one of the parents ({@code jobs}, {@code due}, {@code runs}, ...).
     *
     * @param path the child's full path
     * @return the id, or {@code null} for the parent itself or a marker
     */
    static @Nullable String idOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.startsWith(MARKER_PREFIX)) {
            return null;
        }
        return URLDecoder.decode(name, StandardCharsets.UTF_8);
    }

    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    }
}
