package io.kairos.scheduler.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobPage;
import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.store.JobQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * The jobs table: one page of the scheduler's paged listing ({@code findJobs}), filled up to the query's limit and
 * optionally narrowed by a search text, with bounded work. Stateless.
 *
 * <p>The stores filter by state, store, executor and task after reading rows, and cannot search text, so a listing
 * page may hold fewer matches than its limit. To show full pages, a request reads listing pages one after another
 * until it has {@code limit} matches, the listing ends, or it has asked for {@value #MAX_READ} rows in all (the
 * bound: a search through 100,000 jobs takes several requests, each answering with the jobs it found and a cursor to
 * go on). Unfiltered, one read of {@code limit} rows answers. A read that finds more matches than the page has room
 * for is read again, smaller, from the same cursor (room × rows read / matches found, never below the room), so a
 * page never holds more than {@code limit} jobs and the cursors are the listing's own: present jobs come exactly once.
 */
final class JobSearch {

    /** The most rows one request asks the stores for, re-reads included. */
    static final int MAX_READ = 10 * JobQuery.MAX_LIMIT;

    /** The longest search text taken. */
    static final int MAX_TEXT = 200;

    private JobSearch() {
    }

    /**
     * One page of jobs.
     *
     * @param listing reads one listing page ({@code findJobs}); its exceptions pass through
     * @param describe describes the jobs of the answer, in order (with their last runs: one batched read per page)
     * @param query the filters, limit and cursor (the {@code next} of a previous answer, or {@code null})
     * @param text part of the id, name, task or trigger to look for (any case), or {@code null} or blank for all
     * @return {@code jobs} (at most {@code limit}), {@code next} (the cursor to go on from, {@code null} when the
     *     listing has ended) and {@code scanLimited} ({@code true} when the read bound stopped a short page)
     * @throws DashboardRequestException (400, field {@code q}) when the text is longer than {@value #MAX_TEXT}
     */
    static Map<String, Object> page(Function<JobQuery, JobPage<Job>> listing, Function<List<Job>, List<?>> describe, JobQuery query,
            @Nullable String text) {
        String wanted = wanted(text);
        boolean filtered = wanted != null || !query.states().isEmpty() || query.executor() != null || query.task() != null;
        List<Job> found = new ArrayList<>();
        String cursor = query.cursor();
        boolean ended = false;
        int budget = MAX_READ;
        while (found.size() < query.limit() && !ended && budget > 0) {
            int room = query.limit() - found.size();
            int rows = Math.min(filtered ? JobQuery.MAX_LIMIT : room, budget);
            List<Job> matches;
            JobPage<Job> page;
            while (true) {
                page = listing.apply(query.withLimit(rows).after(cursor));
                budget -= rows;
                matches = page.jobs().stream().filter((job) -> contains(job, wanted)).toList();
                if (matches.size() <= room) {
                    break;
                }
                rows = Math.max(room, rows * room / matches.size());
                if (rows > budget) {
                    return answer(found, describe, cursor, true);
                }
            }
            found.addAll(matches);
            cursor = page.next();
            ended = cursor == null;
        }
        return answer(found, describe, cursor, !ended && found.size() < query.limit());
    }

    private static Map<String, Object> answer(List<Job> found, Function<List<Job>, List<?>> describe, @Nullable String next,
            boolean scanLimited) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", describe.apply(found));
        body.put("next", next);
        body.put("scanLimited", scanLimited);
        return body;
    }

    private static @Nullable String wanted(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new DashboardRequestException(HttpStatus.BAD_REQUEST, "q",
                    "q " + InputText.quote(text.substring(0, 20) + "…") + " is " + text.length() + " characters long; at most " + MAX_TEXT);
        }
        return text.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean contains(Job job, @Nullable String wanted) {
        return wanted == null || (job.id() + "\n" + Objects.toString(job.name(), "") + "\n" + job.task() + "\n" + Objects.toString(job.trigger(), "")).toLowerCase(Locale.ROOT)
            .contains(wanted);
    }
}
