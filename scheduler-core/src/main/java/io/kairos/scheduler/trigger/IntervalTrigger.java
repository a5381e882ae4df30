package io.kairos.scheduler.trigger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;


/**
 * Fires every fixed amount of elapsed time: the {@code interval} trigger, as APScheduler 3.x
 * {@code IntervalTrigger}.
 *
 * <p><b>Fire times</b> are {@code start_date + k * interval} for k = 0, 1, 2, ..., computed on instants
 * (absolute elapsed time, as APScheduler 3): an interval of one hour stays one real hour across a
 * daylight-saving change, so the wall-clock time shifts by an hour (APScheduler 4 uses wall-clock
 * arithmetic instead; Kairos follows 3.x here). {@link #nextFireTime} returns
 * <ul>
 * <li>{@code previousFireTime + interval} when there is a previous fire time;</li>
 * <li>otherwise {@code start_date} when it is at or after {@code now};</li>
 * <li>otherwise the first {@code start_date + k * interval} at or after {@code now};</li>
 * </ul>
 * and empty when that time is after {@code end_date} (inclusive end).
 *
 * <p><b>Without {@code start_date}</b> the start is the moment the spec is parsed (read from the clock
 * given to {@link #fromSpec}), so the first run happens <em>immediately</em>, as APScheduler 4 and
 * Spring's {@code fixedRate}; APScheduler 3 defaulted to {@code now + interval}, so its first run came
 * one interval after the job was added. To keep {@code toSpec()} round-tripping to an equal trigger,
 * that creation instant is recorded as {@code start_date}. A scheduler that wants the first run at the
 * creation instant must pass that same instant as {@code now} to the first {@link #nextFireTime} call
 * (a later {@code now} yields the next interval boundary, as above); Kairos's scheduler does so for a job added or
 * rescheduled with a spec (also one declared in {@code application.yml} or with {@code @ScheduledJob}), and a job it
 * stores later than it read the spec (added before the start) starts the interval again as it stores the job.
 *
 * <p>Spec keys: {@code weeks, days, hours, minutes, seconds} (non-negative numbers, fractions allowed,
 * summed; the total must be positive and a whole number of milliseconds), {@code start_date},
 * {@code end_date} (date-times; without an offset read in the trigger's zone), {@code timezone},
 * {@code jitter} (seconds). Immutable and thread-safe.
 */
public final class IntervalTrigger implements Trigger {

    /** The spec keys this kind accepts, besides {@code type}. */
    public static final Set<String> KEYS = Set.of("weeks", "days", "hours", "minutes", "seconds", "start_date", "end_date",
            "timezone", "jitter");

    private static final String[] UNITS = { "weeks", "days", "hours", "minutes", "seconds" };

    private static final long[] UNIT_MILLIS = { 604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L };

    /** The longest interval accepted: 366,000 days (about 1000 years), so that fire-time arithmetic cannot overflow. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(366_000);

    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(MAX_INTERVAL.toMillis());

    private final Duration interval;

    private final ZonedDateTime startDate;

    private final @Nullable ZonedDateTime endDate;

    private final Duration jitter;

    /**
     * Creates the trigger.
     *
     * @param interval the time between fire times; positive, a whole number of milliseconds
     * @param startDate the first fire time, not {@code null}; in the years 1 to 9999
     * @param endDate the last instant at which the trigger may fire (inclusive), or {@code null} for none; in the
     *     years 1 to 9999
     * @param timezone the zone fire times are returned in, not {@code null}
     * @param jitter the largest random delay the scheduler adds, or {@code null} for none
     * @throws InvalidTriggerSpecException when the interval is not positive, is longer than
     *     {@link #MAX_INTERVAL} or has a fraction of a millisecond, when the jitter is negative, when a date is
     *     outside the years 1 to 9999, or when {@code endDate} is before {@code startDate}
     */
    public IntervalTrigger(Duration interval, ZonedDateTime startDate, @Nullable ZonedDateTime endDate, ZoneId timezone, @Nullable Duration jitter) {
        Objects.requireNonNull(interval, "interval");
        ZoneId zone = Objects.requireNonNull(timezone, "timezone").normalized();
        if (interval.isNegative() || interval.isZero()) {
            throw new InvalidTriggerSpecException(null, TriggerText.timedelta(interval.abs()), "interval trigger: the interval must be "
                    + "positive, got " + interval + "; give at least one of weeks, days, hours, minutes, seconds greater than 0");
        }
        if (interval.compareTo(MAX_INTERVAL) > 0) {
            throw tooLong(interval.toString());
        }
        if (interval.toNanosPart() % 1_000_000 != 0) {
            throw new InvalidTriggerSpecException("seconds", interval, "interval trigger: the interval " + interval
                    + " has a fraction of a millisecond; valid: a whole number of milliseconds");
        }
        this.interval = interval;
        this.startDate = TriggerBounds.date("interval", "start_date", Objects.requireNonNull(startDate, "startDate"))
            .withZoneSameInstant(zone);
        this.endDate = endDate == null ? null : TriggerBounds.date("interval", "end_date", endDate).withZoneSameInstant(zone);
        this.jitter = TriggerBounds.jitter("interval", jitter);
        TriggerBounds.checkOrder("interval", this.startDate, this.endDate);
    }

    /**
     * Builds the trigger from an {@code interval} spec.
     *
     * @param spec the spec (keys {@link #KEYS} in any spelling; {@code type} is ignored), not {@code null}
     * @param defaultZone the zone when the spec gives no {@code timezone} (a scheduler passes its own)
     * @param clock read once, for the start when the spec has no {@code start_date}
     * @return the trigger
     * @throws InvalidTriggerSpecException for an unknown key, a non-numeric or negative amount, an
     *     interval that is zero, finer than a millisecond or longer than 1000 years, a bad date-time or time zone, or an
     *     {@code end_date} before the start (without {@code start_date}: an {@code end_date} in the past, reported as
     *     never firing)
     */
    public static IntervalTrigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock) {
        TriggerSpec s = TriggerSpec.read(spec, "interval", KEYS);
        ZoneId zone = s.zone(defaultZone);
        BigDecimal millis = BigDecimal.ZERO;
        for (int i = 0; i < UNITS.length; i++) {
            millis = millis.add(s.decimal(UNITS[i]).orElse(BigDecimal.ZERO).multiply(BigDecimal.valueOf(UNIT_MILLIS[i])));
        }
        if (millis.signum() == 0) {
            throw new InvalidTriggerSpecException(null, null, "interval trigger: the interval must be positive; give at least one "
                    + "of weeks, days, hours, minutes, seconds greater than 0 (all were 0 or absent)");
        }
        if (millis.compareTo(MAX_MILLIS) > 0) {
            throw tooLong(millis.movePointLeft(3).stripTrailingZeros().toPlainString() + " seconds");
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new InvalidTriggerSpecException("seconds", millis.movePointLeft(3), "interval trigger: the interval of "
                    + millis.movePointLeft(3).stripTrailingZeros().toPlainString()
                    + " seconds has a fraction of a millisecond; valid: a whole number of milliseconds");
        }
        Optional<ZonedDateTime> given = s.dateTime("start_date", zone);
        ZonedDateTime start = given.orElseGet(() -> clock.instant().atZone(zone));
        ZonedDateTime end = s.dateTime("end_date", zone).orElse(null);
        if (given.isEmpty() && end != null) {
            TriggerBounds.checkEndNotPast("interval", TriggerSpec.formatDateTime(start), TriggerSpec.formatDateTime(end),
                    end.isBefore(start));
        }
        return new IntervalTrigger(Duration.ofMillis(millis.longValueExact()), start, end, zone,
                s.seconds("jitter").orElse(Duration.ZERO));
    }

    private static InvalidTriggerSpecException tooLong(String interval) {
        return new InvalidTriggerSpecException(null, interval, "interval trigger: the interval of " + interval
                + " is too long; valid: at most " + MAX_INTERVAL.toDays() + " days (about 1000 years)");
    }

    /**
     * The time between fire times.
     *
     * @return the interval, positive, whole milliseconds
     */
    public Duration interval() {
        return this.interval;
    }

    /**
     * The first fire time; all fire times are this plus a whole number of intervals.
     *
     * @return the start, in {@link #timezone()}
     */
    public ZonedDateTime startDate() {
        return this.startDate;
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        Instant next;
        if (previousFireTime != null) {
            next = previousFireTime.toInstant().plus(this.interval);
        }
        else {
            next = firstAtOrAfter(now.toInstant());
        }
        if (this.endDate != null && next.isAfter(this.endDate.toInstant())) {
            return Optional.empty();
        }
        return Optional.of(Zones.atZone(next, timezone()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Computed in one step: the latest of {@code fireTime}, {@code fireTime + interval},
     * {@code fireTime + 2 × interval}, … that is at or before {@code now} and not after the end date (a job with a
     * 1-second interval that was down for a month would otherwise take 2.6 million steps to catch up).
     */
    @Override
    public ZonedDateTime latestFireTimeAtOrBefore(ZonedDateTime fireTime, ZonedDateTime now) {
        Instant from = fireTime.toInstant();
        Instant until = now.toInstant();
        if (this.endDate != null && this.endDate.toInstant().isBefore(until)) {
            until = this.endDate.toInstant();
        }
        if (!from.isBefore(until)) {
            return Zones.atZone(from, timezone());
        }
        long steps = wholeIntervals(from, until);
        return Zones.atZone(from.plus(this.interval.multipliedBy(steps)), timezone());
    }

    private Instant firstAtOrAfter(Instant now) {
        Instant start = this.startDate.toInstant();
        if (!start.isBefore(now)) {
            return start;
        }
        long steps = wholeIntervals(start, now);
        Instant candidate = start.plus(this.interval.multipliedBy(steps));
        return candidate.isBefore(now) ? candidate.plus(this.interval) : candidate;
    }

    /**
     * How many whole intervals fit between two instants ({@code from} not after {@code to}): the same as
     * {@code Duration.between(from, to).dividedBy(interval)}, in long arithmetic rather than {@code BigDecimal} (a
     * combining trigger asks this up to {@link CombiningTrigger#MAX_SEARCH_STEPS} times in one search). The interval
     * is whole milliseconds, so the whole milliseconds of the span decide it.
     */
    private long wholeIntervals(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        if (span.getSeconds() >= Long.MAX_VALUE / 1000 - 1) {
            return span.dividedBy(this.interval);
        }
        long spanMillis = span.getSeconds() * 1000 + span.getNano() / 1_000_000;
        return spanMillis / this.interval.toMillis();
    }

    @Override
    public ZoneId timezone() {
        return this.startDate.getZone();
    }

    @Override
    public Duration jitter() {
        return this.jitter;
    }

    @Override
    public Optional<ZonedDateTime> endDate() {
        return Optional.ofNullable(this.endDate);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code type}; the interval split into {@code weeks, days, hours, minutes, seconds} (only
     *     the non-zero ones; {@code seconds} may have a fraction); {@code start_date}; {@code end_date}
     *     when set; {@code timezone}; {@code jitter} (seconds) when not zero
     */
    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(TriggerSpec.TYPE, "interval");
        long rest = this.interval.toMillis();
        for (int i = 0; i < UNITS.length - 1; i++) {
            if (rest >= UNIT_MILLIS[i]) {
                spec.put(UNITS[i], rest / UNIT_MILLIS[i]);
                rest %= UNIT_MILLIS[i];
            }
        }
        if (rest > 0) {
            spec.put("seconds", TriggerSpec.formatSeconds(Duration.ofMillis(rest)));
        }
        spec.put("start_date", TriggerSpec.formatDateTime(this.startDate));
        if (this.endDate != null) {
            spec.put("end_date", TriggerSpec.formatDateTime(this.endDate));
        }
        return TriggerSpec.withZoneAndJitter(spec, timezone(), this.jitter);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntervalTrigger that && this.interval.equals(that.interval) && this.startDate.equals(that.startDate)
                && Objects.equals(this.endDate, that.endDate) && this.jitter.equals(that.jitter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.interval, this.startDate, this.endDate, this.jitter);
    }

    /**
     * As APScheduler: the interval as Python prints a {@code timedelta}, e.g. {@code interval[2:00:00]}
     * or {@code interval[1 day, 0:00:00]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "interval[" + TriggerText.timedelta(this.interval) + "]";
    }
}
