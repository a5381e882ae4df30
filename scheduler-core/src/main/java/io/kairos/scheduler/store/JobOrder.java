package io.kairos.scheduler.store;

import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The order of {@link JobStore#getAllJobs()}, for store implementations: scheduled jobs by next run time then id,
 * then paused and broken jobs by id. Ids compare as Java strings, whatever the backend's collation.
 */
public final class JobOrder {

    /** Scheduled jobs by (next run time, id); only for jobs that have a next run time. */
    public static final Comparator<StoredJob> BY_NEXT_RUN_TIME = Comparator.comparing(StoredJob::nextRunTime)
            .thenComparing(StoredJob::id);

    private JobOrder() {
    }

    /**
     * Sorts jobs for {@link JobStore#getAllJobs()}.
     *
     * @param jobs the jobs, in any order, not {@code null}
     * @return a new mutable list: scheduled ones by next run time then id, then the others by id
     */
    public static List<StoredJob> forListing(Collection<StoredJob> jobs) {
        List<StoredJob> scheduled = new ArrayList<>(jobs.size());
        List<StoredJob> others = new ArrayList<>();
        for (StoredJob job : jobs) {
            (job.nextRunTime() != null ? scheduled : others).add(job);
        }
        scheduled.sort(BY_NEXT_RUN_TIME);
        others.sort(Comparator.comparing(StoredJob::id));
        scheduled.addAll(others);
        return scheduled;
    }

    /**
     * The first items in id order ({@link String#compareTo}) whose id comes after a cursor, for stores that page by
     * scanning an unordered collection ({@link JobStore#listJobs}): one pass that keeps only {@code count} items, so
     * O(n log count) time and O(count) memory.
     *
     * @param <T> the item type
     * @param items the items, in any order, not {@code null}; ids unique
     * @param idOf the id of an item, not {@code null}; {@code null} ids are skipped
     * @param after only ids greater than this one, or {@code null} for all
     * @param count the most items to return, at least 1
     * @return a new list of at most {@code count} items, in id order
     */
    public static <T> List<T> firstAfter(Iterable<T> items, Function<T, String> idOf, @Nullable String after, int count) {
        Comparator<T> byId = Comparator.comparing(idOf);
        PriorityQueue<T> largestFirst = new PriorityQueue<>(count + 1, byId.reversed());
        for (T item : items) {
            String id = idOf.apply(item);
            if (id == null || (after != null && id.compareTo(after) <= 0)) {
                continue;
            }
            if (largestFirst.size() < count) {
                largestFirst.add(item);
            }
            else if (id.compareTo(idOf.apply(largestFirst.peek())) < 0) {
                largestFirst.poll();
                largestFirst.add(item);
            }
        }
        List<T> first = new ArrayList<>(largestFirst);
        first.sort(byId);
        return first;
    }
}
