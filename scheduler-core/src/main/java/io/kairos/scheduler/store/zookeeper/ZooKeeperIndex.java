package io.kairos.scheduler.store.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.kairos.scheduler.store.LeaseHolder;

import org.apache.curator.framework.recipes.cache.ChildData;

/**
 * Each store's in-memory copy of the {@code due} and {@code leases} znodes, fed in order by two Curator caches (one
 * persistent recursive watch each): the next run time of every scheduled job, sorted, and every lease. The due
 * query and {@link #next()} read it instead of ZooKeeper, so a scheduler pass costs no reads however many jobs
 * there are; acquisition stays exact because every write it makes is conditional on the znodes' versions, and a
 * stale entry only costs a failed attempt. Memory: one entry per job (id, time) and one per lease. Thread-safe
 * (one lock).
 */
final class ZooKeeperIndex {

    private record Due(long millis, String id) {
    }

    /**
     * A job the due query may try to acquire.
     *
     * @param id the job id
     * @param lease its lease as cached (expired by the caller's clock), or {@code null} when none
     * @param dueVersion the version of its {@code due} znode as cached, which the acquisition writes at
     */
    record Candidate(String id, ZooKeeperLease lease, int dueVersion) {
    }

    private static final Comparator<Due> ORDER = Comparator.comparingLong(Due::millis).thenComparing(Due::id);

    private final Map<String, Long> dueById = new HashMap<>();

    private final Map<String, Integer> dueVersions = new HashMap<>();

    private final NavigableSet<Due> order = new TreeSet<>(ORDER);

    private final Map<String, ZooKeeperLease> leases = new HashMap<>();

    private final Runnable wakeup;

    /** The earliest time the scheduler was told ({@link #next()}); a change making a job due before it wakes it. */
    private long lastAnswer = Long.MAX_VALUE;

    ZooKeeperIndex(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /** A {@code due} znode was created or changed. */
    void dueChanged(ChildData node) {
        String id = ZooKeeperPaths.idOf(node.getPath());
        if (id == null) {
            return;
        }
        byte[] data = node.getData();
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        boolean wake;
        synchronized (this) {
            removeDue(id);
            if (text.isEmpty()) {
                return;
            }
            long millis;
            try {
                millis = Long.parseLong(text);
            }
            catch (NumberFormatException ex) {
                return; // not written by a store: the job is read (and reported broken if need be) when listed
            }
            this.dueById.put(id, millis);
            this.dueVersions.put(id, node.getStat().getVersion());
            this.order.add(new Due(millis, id));
            ZooKeeperLease lease = this.leases.get(id);
            wake = Math.max(millis, lease == null ? Long.MIN_VALUE : lease.untilMillis()) < this.lastAnswer;
        }
        if (wake) {
            this.wakeup.run();
        }
    }

    /** A {@code due} znode was deleted. */
    void dueDeleted(ChildData node) {
        String id = ZooKeeperPaths.idOf(node.getPath());
        if (id != null) {
            synchronized (this) {
                removeDue(id);
            }
        }
    }

    /** A lease znode was created or changed. */
    void leaseChanged(ChildData node) {
        String id = ZooKeeperPaths.idOf(node.getPath());
        if (id != null) {
            leased(id, ZooKeeperLease.parse(node.getData()));
        }
    }

    /** This store took a lease; recorded at once (the cache confirms it later). */
    synchronized void leased(String id, ZooKeeperLease lease) {
        this.leases.put(id, lease);
    }

    /**
     * The holders of the leases in the index, grouped by owner; unreadable leases (no owner) are left out.
     *
     * @return one holder per owner, sorted by owner; a new list
     */
    synchronized List<LeaseHolder> leaseHolders() {
        Map<String, String> owners = new HashMap<>();
        Map<String, Instant> expiries = new HashMap<>();
        this.leases.forEach((id, lease) -> {
            if (!lease.owner().isEmpty()) {
                owners.put(id, lease.owner());
                expiries.put(id, Instant.ofEpochMilli(lease.untilMillis()));
            }
        });
        return LeaseHolder.tally(owners, expiries);
    }

    /** A lease znode was deleted (released, or its holder's session ended): the job may be due now. */
    void leaseDeleted(ChildData node) {
        String id = ZooKeeperPaths.idOf(node.getPath());
        if (id == null) {
            return;
        }
        boolean wake;
        synchronized (this) {
            this.leases.remove(id);
            Long due = this.dueById.get(id);
            wake = due != null && due < this.lastAnswer;
        }
        if (wake) {
            this.wakeup.run();
        }
    }

    private void removeDue(String id) {
        this.dueVersions.remove(id);
        Long old = this.dueById.remove(id);
        if (old != null) {
            this.order.remove(new Due(old, id));
        }
    }

    /**
     * Scheduled jobs due at {@code nowMillis}, earliest first, that are not leased or whose lease expired.
     *
     * @param nowMillis the scheduler clock, epoch milliseconds
     * @param max the most to return
     * @param skip ids to leave out (already tried in this acquisition)
     * @return the candidates
     */
    synchronized List<Candidate> due(long nowMillis, int max, Set<String> skip) {
        List<Candidate> found = new ArrayList<>(Math.min(max, 64));
        for (Due due : this.order) {
            if (due.millis() > nowMillis || found.size() >= max) {
                break;
            }
            ZooKeeperLease lease = this.leases.get(due.id());
            if (!skip.contains(due.id()) && (lease == null || !lease.heldAt(nowMillis))) {
                found.add(new Candidate(due.id(), lease, this.dueVersions.get(due.id())));
            }
        }
        return found;
    }

    /**
     * The earliest instant at which a job may be acquired: an unleased job's next run time, or a leased one's lease
     * expiry when later. Walks the sorted times to the first unleased job, so it reads few entries unless many
     * early jobs are leased.
     *
     * @return the instant, or empty when no job is scheduled
     */
    synchronized Optional<Instant> next() {
        long best = Long.MAX_VALUE;
        for (Due due : this.order) {
            if (due.millis() >= best) {
                break;
            }
            ZooKeeperLease lease = this.leases.get(due.id());
            best = Math.min(best, lease == null ? due.millis() : Math.max(due.millis(), lease.untilMillis()));
        }
        this.lastAnswer = best;
        return best == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(best));
    }
}
