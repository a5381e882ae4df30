package io.kairos.scheduler.trigger;

import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;


/**
 * Fires on calendar dates a fixed number of years, months, weeks and days apart, at a fixed wall-clock
 * time of day: the {@code calendarinterval} trigger, as APScheduler 3.11 {@code CalendarIntervalTrigger}.
 *
 * <p><b>Dates.</b> The first is {@code start_date}; each next one adds {@code years} and {@code months}
 * keeping the day of the month (when that date does not exist, e.g. 31 April or 29 February, months
 * and years keep being added until it does), then adds {@code weeks * 7 + days} days. A date after
 * {@code end_date} (inclusive) ends the trigger. <b>Time of day</b> is {@code hour:minute:second} in the
 * trigger's zone: a day on which that wall time does not exist (a daylight-saving gap) is skipped and
 * the sequence continues from it; an ambiguous wall time (fall-back) fires at its first occurrence.
 *
 * <p>{@link #nextFireTime} with a previous fire time steps from that fire time's date. Without one it
 * returns the first fire time of the sequence at or after {@code now}. <em>Differs from
 * APScheduler</em>, which returns the fire time of {@code start_date} even when it is in the past; Kairos
 * skips past dates, as its interval and cron triggers do, so that this trigger composes in
 * {@code and}/{@code or}. Walking from a distant {@code start_date} to {@code now} is bounded by
 * {@value #MAX_STEPS} steps ({@link TriggerSearchException} beyond).
 *
 * <p>Spec keys: {@code years, months, weeks, days} (whole numbers &gt;= 0, not all zero),
 * {@code hour} (0-23), {@code minute}, {@code second} (0-59), {@code start_date} (a date; default: today
 * in the trigger's zone when the spec is parsed, recorded in {@code toSpec()}), {@code end_date} (a date),
 * {@code timezone}, {@code jitter} (seconds). Immutable and thread-safe.
 */
public final class CalendarIntervalTrigger implements Trigger {

    /** The spec keys this kind accepts, besides {@code type}. */
    public static final Set<String> KEYS = Set.of("years", "months", "weeks", "days", "hour", "minute", "second", "start_date",
            "end_date", "timezone", "jitter");

    /** The most dates walked in one {@link #nextFireTime} call before giving up. */
    public static final int MAX_STEPS = 1_000_000;

    private static final int MAX_MONTH_TRIES = 1_000;

    private final int years;

    private final int months;

    private final int weeks;

    private final int days;

    private final LocalTime time;

    private final LocalDate startDate;

    private final @Nullable LocalDate endDate;

    private final ZoneId timezone;

    private final Duration jitter;

    /**
     * Creates the trigger.
     *
     * @param years years between fire dates, &gt;= 0
     * @param months months between fire dates, &gt;= 0
     * @param weeks weeks between fire dates, &gt;= 0
     * @param days days between fire dates, &gt;= 0; the four amounts may not all be zero
     * @param time the wall-clock time of day to fire at (whole seconds), not {@code null}
     * @param startDate the first fire date, not {@code null}; in the years 1 to 9999
     * @param endDate the last possible fire date (inclusive), or {@code null} for none; in the years 1 to 9999
     * @param timezone the zone of {@code time} and of the dates, not {@code null}
     * @param jitter the largest random delay the scheduler adds, or {@code null} for none
     * @throws InvalidTriggerSpecException when an amount is negative or all are zero, the time has a
     *     fraction of a second, a date is outside the years 1 to 9999, {@code endDate} is before {@code startDate},
     *     or the jitter is negative
     */
    public CalendarIntervalTrigger(int years, int months, int weeks, int days, LocalTime time, LocalDate startDate,
            @Nullable LocalDate endDate, ZoneId timezone, @Nullable Duration jitter) {
        int[] amounts = { years, months, weeks, days };
        String[] names = { "years", "months", "weeks", "days" };
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] < 0) {
                throw new InvalidTriggerSpecException(names[i], amounts[i], "calendarinterval trigger '" + names[i] + "': value '"
                        + amounts[i] + "' must not be negative; valid: a whole number >= 0");
            }
        }
        if (years == 0 && months == 0 && weeks == 0 && days == 0) {
            throw new InvalidTriggerSpecException(null, null, "calendarinterval trigger: interval must be at least 1 day long; "
                    + "give at least one of years, months, weeks, days greater than 0");
        }
        if (Objects.requireNonNull(time, "time").getNano() != 0) {
            throw new InvalidTriggerSpecException("second", time, "calendarinterval trigger: time '" + time
                    + "' has a fraction of a second; valid: whole seconds");
        }
        this.years = years;
        this.months = months;
        this.weeks = weeks;
        this.days = days;
        this.time = time;
        this.startDate = TriggerBounds.date("calendarinterval", "start_date", Objects.requireNonNull(startDate, "startDate"));
        this.endDate = TriggerBounds.date("calendarinterval", "end_date", endDate);
        this.timezone = Objects.requireNonNull(timezone, "timezone").normalized();
        this.jitter = TriggerBounds.jitter("calendarinterval", jitter);
        TriggerBounds.checkOrder("calendarinterval", startDate, endDate, endDate != null && endDate.isBefore(startDate));
    }

    /**
     * Builds the trigger from a {@code calendarinterval} spec.
     *
     * @param spec the spec (keys {@link #KEYS} in any spelling; {@code type} is ignored), not {@code null}
     * @param defaultZone the zone when the spec gives no {@code timezone} (a scheduler passes its own)
     * @param clock read once, for today's date when the spec has no {@code start_date}
     * @return the trigger
     * @throws InvalidTriggerSpecException for an unknown key, a non-numeric, fractional or negative
     *     amount, an hour/minute/second out of range, an all-zero interval, a bad date or time zone, or
     *     an {@code end_date} before {@code start_date} (without {@code start_date}: an {@code end_date} before
     *     today, reported as never firing)
     */
    public static CalendarIntervalTrigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock) {
        TriggerSpec s = TriggerSpec.read(spec, "calendarinterval", KEYS);
        ZoneId zone = s.zone(defaultZone);
        LocalTime time = LocalTime.of(timeField(s, "hour", 23), timeField(s, "minute", 59), timeField(s, "second", 59));
        Optional<LocalDate> given = s.date("start_date", zone);
        LocalDate start = given.orElseGet(() -> LocalDate.ofInstant(clock.instant(), zone));
        LocalDate end = s.date("end_date", zone).orElse(null);
        if (given.isEmpty() && end != null) {
            TriggerBounds.checkEndNotPast("calendarinterval", start, end, end.isBefore(start));
        }
        return new CalendarIntervalTrigger(amount(s, "years"), amount(s, "months"), amount(s, "weeks"), amount(s, "days"), time,
                start, end, zone, s.seconds("jitter").orElse(Duration.ZERO));
    }

    private static int amount(TriggerSpec s, String key) {
        long value = s.wholeNumber(key).orElse(0L);
        if (value > 100_000) {
            throw s.invalid(key, value, "is too large; valid: a whole number from 0 to 100000");
        }
        return (int) value;
    }

    private static int timeField(TriggerSpec s, String key, int max) {
        long value = s.wholeNumber(key).orElse(0L);
        if (value > max) {
            throw s.invalid(key, value, "is out of range; valid: 0-" + max);
        }
        return (int) value;
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        return nextFireTime(previousFireTime, now, null);
    }

    /**
     * {@link #nextFireTime(ZonedDateTime, ZonedDateTime)} as a child of a combining trigger: every date walked spends
     * a step of the enclosing search's budget (none when {@code budget} is {@code null}).
     */
    Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now,
            @Nullable SearchBudget budget) {
        LocalDate date = previousFireTime == null ? skipAhead(now)
                : step(previousFireTime.withZoneSameInstant(this.timezone).toLocalDate());
        for (int i = 0; i < MAX_STEPS; i++) {
            if (budget != null) {
                budget.spend();
            }
            if (this.endDate != null && date.isAfter(this.endDate)) {
                return Optional.empty();
            }
            LocalDateTime local = date.atTime(this.time);
            if (!this.timezone.getRules().getValidOffsets(local).isEmpty()) {
                ZonedDateTime fireTime = ZonedDateTime.ofLocal(local, this.timezone, null);
                if (previousFireTime != null || !fireTime.isBefore(now)) {
                    return Optional.of(fireTime);
                }
            }
            date = step(date);
        }
        throw new TriggerSearchException(this + " walked " + MAX_STEPS + " dates from " + this.startDate
                + " without reaching " + now + "; give a later start_date");
    }

    /**
     * Where the walk to {@code now} starts: the start date, or a date of the sequence at least one step before
     * {@code now}'s date found by arithmetic, so a distant start date costs nothing. Arithmetic works for a
     * days/weeks-only interval, and for a years/months-only one (its dates keep the start's day of the month, in
     * every {@code years * 12 + months}-th month that has that day); a mix of both is walked from the start.
     */
    private LocalDate skipAhead(ZonedDateTime now) {
        LocalDate today = now.withZoneSameInstant(this.timezone).toLocalDate();
        if (this.years == 0 && this.months == 0) {
            long stepDays = this.weeks * 7L + this.days;
            long behind = ChronoUnit.DAYS.between(this.startDate, today) / stepDays - 1;
            return behind > 0 ? this.startDate.plusDays(behind * stepDays) : this.startDate;
        }
        if (this.weeks == 0 && this.days == 0) {
            int totalMonths = this.years * 12 + this.months;
            YearMonth first = YearMonth.from(this.startDate);
            long behind = ChronoUnit.MONTHS.between(first, YearMonth.from(today)) / totalMonths - 1;
            YearMonth month = behind > 0 ? first.plusMonths(behind * totalMonths) : first;
            for (int i = 0; i < MAX_MONTH_TRIES && !month.isValidDay(this.startDate.getDayOfMonth()); i++) {
                month = month.plusMonths(totalMonths);
            }
            if (month.isValidDay(this.startDate.getDayOfMonth())) {
                return month.atDay(this.startDate.getDayOfMonth());
            }
        }
        return this.startDate;
    }

    /** The next date of the sequence after {@code date}: years and months (skipping missing days), then days. */
    private LocalDate step(LocalDate date) {
        LocalDate next = date;
        int totalMonths = this.years * 12 + this.months;
        if (totalMonths > 0) {
            YearMonth month = YearMonth.from(date);
            int tries = 0;
            do {
                if (++tries > MAX_MONTH_TRIES) {
                    throw new TriggerSearchException(this + " found no month with day " + date.getDayOfMonth() + " after " + date);
                }
                month = month.plusMonths(totalMonths);
            }
            while (!month.isValidDay(date.getDayOfMonth()));
            next = month.atDay(date.getDayOfMonth());
        }
        return next.plusDays(this.weeks * 7L + this.days);
    }

    @Override
    public ZoneId timezone() {
        return this.timezone;
    }

    @Override
    public Duration jitter() {
        return this.jitter;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code end_date} at the trigger's time of day (the latest possible fire time), or empty
     */
    @Override
    public Optional<ZonedDateTime> endDate() {
        return Optional.ofNullable(this.endDate).map((date) -> ZonedDateTime.of(date, this.time, this.timezone));
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code type}; the non-zero amounts among {@code years, months, weeks, days}; {@code hour},
     *     {@code minute}, {@code second}; {@code start_date} and, when set, {@code end_date} as
     *     {@code yyyy-MM-dd}; {@code timezone}; {@code jitter} (seconds) when not zero
     */
    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(TriggerSpec.TYPE, "calendarinterval");
        putIfPositive(spec, "years", this.years);
        putIfPositive(spec, "months", this.months);
        putIfPositive(spec, "weeks", this.weeks);
        putIfPositive(spec, "days", this.days);
        spec.put("hour", this.time.getHour());
        spec.put("minute", this.time.getMinute());
        spec.put("second", this.time.getSecond());
        spec.put("start_date", this.startDate.toString());
        if (this.endDate != null) {
            spec.put("end_date", this.endDate.toString());
        }
        return TriggerSpec.withZoneAndJitter(spec, this.timezone, this.jitter);
    }

    private static void putIfPositive(Map<String, Object> spec, String key, int value) {
        if (value > 0) {
            spec.put(key, value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CalendarIntervalTrigger that && this.years == that.years && this.months == that.months
                && this.weeks == that.weeks && this.days == that.days && this.time.equals(that.time)
                && this.startDate.equals(that.startDate) && Objects.equals(this.endDate, that.endDate)
                && this.timezone.equals(that.timezone) && this.jitter.equals(that.jitter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.years, this.months, this.weeks, this.days, this.time, this.startDate, this.endDate,
                this.timezone, this.jitter);
    }

    /**
     * APScheduler-style: the non-zero amounts and the time of day, e.g.
     * {@code calendarinterval[years=1, months=5, weeks=6, days=8, time='03:00:08']}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("calendarinterval[");
        String[] names = { "years", "months", "weeks", "days" };
        int[] amounts = { this.years, this.months, this.weeks, this.days };
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                out.append(names[i]).append('=').append(amounts[i]).append(", ");
            }
        }
        return out.append("time='").append(this.time.toString().length() == 5 ? this.time + ":00" : this.time).append("']").toString();
    }
}
