package io.kairos.scheduler.internal;

import org.jspecify.annotations.Nullable;
import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The paged job listing of a scheduler over its stores ({@code Scheduler.findJobs(JobQuery)}): the stores one after
 * another by alias, each in its own id order ({@link JobStore#listJobs}), behind one opaque cursor that names the
 * store and that store's own cursor. A call reads from a store until the page is full or the store has no more,
 * then goes on with the next store, so it reads at most {@code limit + 1} rows per store it visits and never more
 * than {@code limit + 1} from any one. Stateless and thread-safe.
 *
 * <p>The cursor text is {@code k1.<base64url alias>.<base64url store cursor>} (empty store cursor: the store's
 * first page). It is untrusted input: anything else is an {@link IllegalArgumentException} naming {@code cursor}, as
 * is a decoded alias or position that holds U+0000 (NUL), which no store alias holds and a PostgreSQL text cannot
 * (other control characters are let through: a job stored before ids were checked may hold one, and its page must
 * go on).
 */
public final class JobPaging {

    private static final String PREFIX = "k1.";

    private static final Comparator<StoredJob> BY_STORE_AND_ID = Comparator.comparing(StoredJob::jobstore)
            .thenComparing(StoredJob::id);

    private JobPaging() {
    }

    /**
     * One page of a started scheduler's jobs.
     *
     * @param stores the stores by alias, not {@code null}
     * @param query the filters, limit and cursor (one this method wrote, or {@code null})
     * @return the jobs and the cursor of the next page ({@code null} after the last store's last page)
     * @throws IllegalArgumentException when the query names an unknown store, or naming {@code cursor} when the cursor
     *     was not written by this listing
     */
    public static StoredJobPage page(Map<String, JobStore> stores, JobQuery query) {
        TreeMap<String, JobStore> visited = new TreeMap<>(stores);
        if (query.jobstore() != null) {
            if (!stores.containsKey(query.jobstore())) {
                throw new IllegalArgumentException("No job store by the alias of '" + query.jobstore() + "'; known job stores: "
                        + visited.keySet());
            }
            visited = new TreeMap<>(Map.of(query.jobstore(), stores.get(query.jobstore())));
        }
        Position at = Position.of(query.cursor(), query.jobstore());
        if (visited.isEmpty()) {
            return new StoredJobPage(List.of(), null);
        }
        String alias = at == null ? visited.firstKey() : at.alias;
        if (at != null && !visited.containsKey(alias)) {
            throw badCursor(query.cursor(), "it names job store " + InputText.quote(alias) + ", which this scheduler does not have");
        }
        String after = at == null ? null : at.after;
        List<StoredJob> jobs = new ArrayList<>();
        while (true) {
            StoredJobPage page = Objects.requireNonNull(visited.get(alias)).listJobs(query.withLimit(query.limit() - jobs.size()).after(after));
            jobs.addAll(page.jobs());
            if (page.next() != null) {
                return new StoredJobPage(jobs, new Position(alias, page.next()).token());
            }
            alias = visited.higherKey(alias);
            after = null;
            if (alias == null) {
                return new StoredJobPage(jobs, null);
            }
            if (jobs.size() == query.limit()) {
                return new StoredJobPage(jobs, new Position(alias, null).token());
            }
        }
    }

    /**
     * One page of a stopped scheduler's pending jobs, ordered by store alias then id, with the same cursors as
     * {@link #page} (a cursor of the pending listing goes on in the stores once the scheduler has started).
     *
     * @param pending the pending jobs, in any order, not {@code null}
     * @param query the filters, limit and cursor
     * @return the page
     * @throws IllegalArgumentException naming {@code cursor} when the cursor was not written by a listing
     */
    public static StoredJobPage pending(List<StoredJob> pending, JobQuery query) {
        Position at = Position.of(query.cursor(), query.jobstore());
        List<StoredJob> rows = pending.stream()
                .filter((job) -> at == null || at.isBefore(job))
                .sorted(BY_STORE_AND_ID)
                .limit(query.limit() + 1L)
                .toList();
        List<StoredJob> page = rows.subList(0, Math.min(rows.size(), query.limit()));
        String next = rows.size() > query.limit() ? new Position(page.get(page.size() - 1).jobstore(), page.get(page.size() - 1).id()).token()
                : null;
        return new StoredJobPage(page.stream().filter(query::matches).toList(), next);
    }

    private static IllegalArgumentException badCursor(@Nullable String cursor, String why) {
        return new IllegalArgumentException("cursor " + InputText.quote(cursor) + " is not a cursor of this listing: " + why
                + "; pass the 'next' of the previous page, or no cursor for the first page");
    }

    /** Where a listing stands: in the store {@code alias}, after the store cursor {@code after} ({@code null}: at its start). */
    private record Position(String alias, @Nullable String after) {

        String token() {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return PREFIX + base64.encodeToString(this.alias.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString((this.after == null ? "" : this.after).getBytes(StandardCharsets.UTF_8));
        }

        /** Whether a job comes after this position in the pending order (store alias, then id). */
        boolean isBefore(StoredJob job) {
            int byStore = job.jobstore().compareTo(this.alias);
            return byStore > 0 || (byStore == 0 && (this.after == null || job.id().compareTo(this.after) > 0));
        }

        static @Nullable Position of(@Nullable String token, @Nullable String jobstore) {
            if (token == null) {
                return null;
            }
            String[] parts = token.startsWith(PREFIX) ? token.substring(PREFIX.length()).split("\\.", -1) : new String[0];
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw badCursor(token, "not of the form k1.<store>.<position>");
            }
            String alias;
            String after;
            try {
                alias = decode(parts[0]);
                after = decode(parts[1]);
            }
            catch (IllegalArgumentException | CharacterCodingException ex) {
                throw badCursor(token, "not base64url text of UTF-8");
            }
            if (alias.indexOf('\0') >= 0 || after.indexOf('\0') >= 0) {
                throw badCursor(token, "its " + (alias.indexOf('\0') >= 0 ? "store" : "position")
                        + " holds a NUL character (U+0000), which no job id or store alias may hold");
            }
            if (jobstore != null && !jobstore.equals(alias)) {
                throw badCursor(token, "it belongs to a listing of job store " + InputText.quote(alias) + ", not of "
                        + InputText.quote(jobstore));
            }
            return new Position(alias, after.isEmpty() ? null : after);
        }

        private static String decode(String part) throws CharacterCodingException {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        }
    }
}
