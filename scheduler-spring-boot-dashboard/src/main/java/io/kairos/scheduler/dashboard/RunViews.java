package io.kairos.scheduler.dashboard;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunPage;
import io.kairos.scheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * The overview's summary of recent runs (counts by outcome, failure rate, lateness); the runs themselves are the
 * actuator's ({@code RunDescriptor}). Stateless.
 */
final class RunViews {

    private RunViews() {
    }

    /**
     * A summary of one page of recent runs.
     *
     * @param page the runs, newest first
     * @return {@code byOutcome}, {@code total}, {@code more} (whether runs beyond this page were left out),
     *     {@code failureRate} (0 to 1, {@code null} without runs), {@code latenessP50Millis} and
     *     {@code latenessP99Millis} (start time minus scheduled time of the runs that started, nearest rank;
     *     {@code null} when none started)
     */
    static Map<String, Object> summary(RunPage page) {
        Map<RunOutcome, Integer> byOutcome = new EnumMap<>(RunOutcome.class);
        page.runs().forEach((run) -> byOutcome.merge(run.outcome(), 1, Integer::sum));
        long failed = page.runs().stream().filter((run) -> run.outcome().isFailure()).count();
        List<Long> lateness = page.runs().stream()
            .filter((run) -> run.startedAt() != null)
            .map((run) -> Math.max(0, Duration.between(run.scheduledAt(), run.startedAt()).toMillis()))
            .sorted()
            .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("byOutcome", byOutcome);
        body.put("total", page.runs().size());
        body.put("more", page.next() != null);
        body.put("failureRate", page.runs().isEmpty() ? null : (double) failed / page.runs().size());
        body.put("latenessP50Millis", percentile(lateness, 50));
        body.put("latenessP99Millis", percentile(lateness, 99));
        return body;
    }

    /** The summary when the scheduler has no runs to show (not started). */
    static Map<String, Object> none() {
        return summary(new RunPage(List.of(), null));
    }

    /** Nearest-rank percentile of sorted values, {@code null} for none. */
    static @Nullable Long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
