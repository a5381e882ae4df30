package io.kairos.scheduler.boot.operations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.input.InputText;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of run lists (actuator, dashboard), read from untrusted text into a {@link RunQuery}: a bad
 * value is an {@link InvalidOperationException} (a 400 over HTTP) whose field is the parameter and whose message
 * quotes the value and says what is valid. Stateless.
 */
public final class RunsParameters {

    /** Runs per answer when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 20;

    /** Most runs per answer. */
    public static final int MAX_LIMIT = 500;

    /**
     * A date-time whose offset's {@code +} arrived as a space: a {@code +} typed into a URL's query is decoded as a
     * space, so {@code ?since=2026-12-06T08:00:00+08:00} reaches the server as {@code 2026-12-06T08:00:00 08:00}.
     */
    private static final Pattern DECODED_PLUS = Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.,]+) ([0-9]{2}:[0-9]{2})");

    private static final String OUTCOMES = Arrays.stream(RunOutcome.values()).map(Enum::name).collect(Collectors.joining(", "));

    private RunsParameters() {
    }

    /**
     * Applies the parameters to a query.
     *
     * @param query the query to narrow (all runs, or one job's)
     * @param limit {@code ?limit=}: 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}
     * @param outcome {@code ?outcome=}: one outcome or several separated by commas, any case
     * @param since {@code ?since=}: an ISO-8601 instant or date-time with offset from {@link RunQuery#MIN_INSTANT}
     *     to {@link RunQuery#MAX_INSTANT} (years 1 to 9999); runs that finished at or after it. A space in place of
     *     a positive offset's {@code +} (a date-time followed by {@code " HH:MM"}) is read as that {@code +}: it is
     *     what an unencoded {@code +} in a URL's query decodes to
     * @param until {@code ?until=}: likewise; runs that finished before it
     * @param after {@code ?after=}: the {@code next} token of the previous page (see {@link RunCursor#fromToken})
     * @return the narrowed query
     * @throws InvalidOperationException naming the first bad parameter
     */
    public static RunQuery apply(RunQuery query, @Nullable String limit, @Nullable String outcome, @Nullable String since,
            @Nullable String until, @Nullable String after) {
        RunQuery narrowed = query.withLimit(limit(limit));
        if (outcome != null) {
            narrowed = narrowed.withOutcomes(outcomes(outcome));
        }
        Instant from = instant("since", since);
        Instant to = instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("since", "'since' (" + from + ") must be before 'until' (" + to + ")");
        }
        if (from != null) {
            narrowed = narrowed.since(from);
        }
        if (to != null) {
            narrowed = narrowed.until(to);
        }
        if (after != null) {
            try {
                narrowed = narrowed.after(RunCursor.fromToken(after.trim()));
            }
            catch (IllegalArgumentException ex) {
                throw invalid("after", "'after': " + ex.getMessage() + "; pass the 'next' value of the previous answer");
            }
        }
        return narrowed;
    }

    private static int limit(@Nullable String text) {
        return limit(text, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /**
     * A {@code ?limit=} value.
     *
     * @param text the untrusted text, or {@code null}
     * @param defaultLimit the value when not given
     * @param max the largest value taken (at most 99,999)
     * @return the limit
     * @throws InvalidOperationException (field {@code limit}) when not a whole number from 1 to {@code max}
     */
    static int limit(@Nullable String text, int defaultLimit, int max) {
        if (text == null) {
            return defaultLimit;
        }
        String trimmed = text.trim();
        if (trimmed.matches("[0-9]{1,5}")) {
            int value = Integer.parseInt(trimmed);
            if (value >= 1 && value <= max) {
                return value;
            }
        }
        throw invalid("limit", "'limit': value " + InputText.quote(text) + " is not a whole number from 1 to " + max
                + " (default " + defaultLimit + ")");
    }

    private static Set<RunOutcome> outcomes(String text) {
        Set<RunOutcome> outcomes = EnumSet.noneOf(RunOutcome.class);
        for (String part : text.split(",", -1)) {
            String name = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                outcomes.add(RunOutcome.valueOf(name));
            }
            catch (IllegalArgumentException ex) {
                throw invalid("outcome", "'outcome': value " + InputText.quote(part.trim()) + " is not a run outcome; valid: "
                        + OUTCOMES + " (several separated by commas)");
            }
        }
        return outcomes;
    }

    private static @Nullable Instant instant(String name, @Nullable String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        Matcher decodedPlus = DECODED_PLUS.matcher(trimmed);
        if (decodedPlus.matches()) {
            trimmed = decodedPlus.group(1) + "+" + decodedPlus.group(2);
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(trimmed).toInstant();
        }
        catch (DateTimeParseException ex) {
            try {
                instant = Instant.parse(trimmed);
            }
            catch (DateTimeParseException again) {
                throw invalid(name, "'" + name + "': value " + InputText.quote(text)
                        + " is not an ISO-8601 date-time with offset, e.g. 2026-12-06T00:00:00Z or 2026-12-06T08:00:00+08:00"
                        + " (in a URL, 2026-12-06T08:00:00%2B08:00)");
            }
        }
        if (!RunQuery.inRange(instant)) {
            throw invalid(name, "'" + name + "': value " + InputText.quote(text) + " is out of range; valid: "
                    + RunQuery.MIN_INSTANT + " to " + RunQuery.MAX_INSTANT + " (years 1 to 9999)");
        }
        return instant;
    }

    /**
     * A bad parameter.
     *
     * @param parameter the parameter at fault
     * @param message what was wrong and what is valid
     * @return the exception
     */
    static InvalidOperationException invalid(String parameter, String message) {
        return new InvalidOperationException(parameter, message);
    }
}
