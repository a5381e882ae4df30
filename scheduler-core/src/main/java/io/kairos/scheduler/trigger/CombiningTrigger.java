package io.kairos.scheduler.trigger;

import io.kairos.scheduler.input.InputText;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;


/**
 * The shared part of {@link AndTrigger} and {@link OrTrigger}: a non-empty list of child triggers, the
 * zone fire times are returned in, and a jitter (the children's own jitter is not used, as in
 * APScheduler, where only the combining trigger's jitter is applied).
 *
 * <p><b>How children are asked.</b> {@link Trigger#nextFireTime} takes one previous fire time, which
 * belongs to the combining trigger, not to each child (APScheduler 3 passes it to every child, so an
 * interval child then counts from the combined fire time, issue #361). Kairos instead asks each child,
 * <em>from its own start</em>, for its first fire time at or after an instant {@code t}:
 * {@code child.nextFireTime(null, t)}, stepped forward with the child's own previous fire times while
 * it is before {@code t} (a date trigger returns its run date even when past); a nested {@code and} /
 * {@code or} answers that question directly. For the built-in kinds
 * that is exactly "the child's next fire time after its own latest fire time before {@code t}" — the
 * child's own last fire time never needs to be stored. "After the previous fire time" means at or
 * after {@code previousFireTime} truncated to milliseconds plus one millisecond: job stores keep
 * milliseconds, so a previous fire time handed back may have lost its sub-millisecond part, and fire
 * times less than a millisecond apart count as one.
 *
 * <p><b>Limits.</b> At most {@value #MAX_CHILDREN} children and at most {@value #MAX_DEPTH} levels of
 * {@code and} / {@code or} nested in one another; a spec beyond either is refused before its children are read,
 * a constructor beyond either throws. One fire time search asks children for fire times at most
 * {@value #MAX_SEARCH_STEPS} times over every level (each date a {@code calendarinterval} child walks counts as
 * one), so a combination whose children never agree ends in a {@link TriggerSearchException} in bounded time.
 *
 * <p>Spec keys: {@code triggers} (a list of 1 to {@value #MAX_CHILDREN} trigger specs or {@link Trigger} objects),
 * {@code timezone} (the zone of the results, and the default zone for children that give none),
 * {@code jitter} (seconds). Immutable and thread-safe when the children are.
 */
public abstract sealed class CombiningTrigger implements Trigger permits AndTrigger, OrTrigger {

    /** The spec keys the combining kinds accept, besides {@code type}. */
    public static final Set<String> KEYS = Set.of("triggers", "timezone", "jitter");

    /** The most steps a child is walked forward to reach an instant before giving up. */
    public static final int MAX_CATCH_UP_STEPS = 10_000;

    /** The most children one {@code and} / {@code or} may have. */
    public static final int MAX_CHILDREN = 64;

    /** The most levels of {@code and} / {@code or} nested in one another (a combining trigger without such children is 1). */
    public static final int MAX_DEPTH = 8;

    /**
     * The most look-ups of children (and dates a {@code calendarinterval} child walks) one fire time search may make,
     * over every nesting level, before it ends in a {@link TriggerSearchException}.
     */
    public static final int MAX_SEARCH_STEPS = 100_000;

    private final String type;

    private final List<Trigger> triggers;

    private final ZoneId timezone;

    private final Duration jitter;

    private final int depth;

    CombiningTrigger(String type, List<? extends Trigger> triggers, @Nullable ZoneId timezone, @Nullable Duration jitter) {
        this.type = type;
        if (Objects.requireNonNull(triggers, "triggers").isEmpty()) {
            throw new InvalidTriggerSpecException("triggers", triggers, type + " trigger 'triggers': value '[]' is empty; "
                    + "valid: a list of at least one trigger spec");
        }
        if (triggers.size() > MAX_CHILDREN) {
            throw tooManyChildren(type, triggers.size());
        }
        this.triggers = List.copyOf(triggers);
        this.depth = 1 + this.triggers.stream().mapToInt((child) -> child instanceof CombiningTrigger c ? c.depth : 0).max().orElse(0);
        if (this.depth > MAX_DEPTH) {
            throw tooDeep(type);
        }
        this.timezone = (timezone != null ? timezone : this.triggers.get(0).timezone()).normalized();
        this.jitter = TriggerBounds.jitter(type, jitter);
    }

    private static InvalidTriggerSpecException tooManyChildren(String type, int count) {
        return new InvalidTriggerSpecException("triggers", count, type + " trigger 'triggers' has " + count + " triggers; valid: 1 to "
                + MAX_CHILDREN);
    }

    private static InvalidTriggerSpecException tooDeep(String type) {
        return new InvalidTriggerSpecException("triggers", null, type + " trigger 'triggers' nests and/or triggers more than "
                + MAX_DEPTH + " levels deep; valid: at most " + MAX_DEPTH + " levels");
    }

    /** Makes a combining trigger of its children, zone and jitter: the constructor of {@code and} or {@code or}. */
    @FunctionalInterface
    interface Maker<T extends CombiningTrigger> {

        T make(List<Trigger> children, ZoneId zone, Duration jitter);
    }

    /**
     * Reads a combining spec of one type at nesting level {@code depth}: its keys ({@link #KEYS}), its zone (also the
     * children's default), its {@linkplain #children children} and its jitter.
     */
    static <T extends CombiningTrigger> T readCombining(String type, Map<String, ?> spec, ZoneId defaultZone, InstantSource clock,
            int depth, Maker<T> maker) {
        TriggerSpec s = TriggerSpec.read(spec, type, KEYS);
        ZoneId zone = s.zone(defaultZone);
        return maker.make(children(s, zone, clock, depth), zone, s.seconds("jitter").orElse(Duration.ZERO));
    }

    /**
     * Reads the children of a combining spec at nesting level {@code depth} (1 for a spec that is not a child); a
     * child's error is re-thrown naming its position. The limits are checked before any child is read, so a spec of
     * a million children or nested ten thousand deep costs no more than a glance.
     */
    static List<Trigger> children(TriggerSpec spec, ZoneId zone, InstantSource clock, int depth) {
        if (depth > MAX_DEPTH) {
            throw tooDeep(spec.type());
        }
        if (spec.raw("triggers").orElse(null) instanceof List<?> raw && raw.size() > MAX_CHILDREN) {
            throw tooManyChildren(spec.type(), raw.size());
        }
        List<Map<String, ?>> specs = spec.specList("triggers");
        if (specs.isEmpty()) {
            throw spec.invalid("triggers", spec.raw("triggers").orElse(null), "is empty or absent; valid: a list of at least one trigger spec");
        }
        List<Trigger> children = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            try {
                children.add(Triggers.fromSpec(specs.get(i), zone, clock, depth + 1));
            }
            catch (InvalidTriggerSpecException ex) {
                String field = "triggers[" + i + "]" + (ex.field() == null ? "" : "." + InputText.shorten(ex.field()));
                throw new InvalidTriggerSpecException(field, ex.value(), spec.type() + " trigger '" + field + "': " + ex.getMessage());
            }
        }
        return children;
    }

    /**
     * The child triggers, in the order given.
     *
     * @return an immutable, non-empty list
     */
    public List<Trigger> triggers() {
        return this.triggers;
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
     * @throws TriggerSearchException when the search needs more than {@value #MAX_SEARCH_STEPS} look-ups of children
     *     (over every nesting level), an {@code and} finds no common fire time within {@link AndTrigger#MAX_STEPS}
     *     rounds, or a child cannot be walked forward to an instant within {@value #MAX_CATCH_UP_STEPS} steps
     */
    @Override
    public final Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        return nextFireTime(previousFireTime, now, new SearchBudget(this, MAX_SEARCH_STEPS));
    }

    /** {@link #nextFireTime(ZonedDateTime, ZonedDateTime)} within the budget of an enclosing search. */
    abstract Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now,
            SearchBudget budget);

    /** A child's {@code nextFireTime}, its cost spent from the budget. */
    static Optional<ZonedDateTime> next(Trigger child, @Nullable ZonedDateTime previousFireTime, ZonedDateTime now,
            SearchBudget budget) {
        if (child instanceof CombiningTrigger combining) {
            return combining.nextFireTime(previousFireTime, now, budget);
        }
        if (child instanceof CalendarIntervalTrigger calendar) {
            return calendar.nextFireTime(previousFireTime, now, budget);
        }
        budget.spend();
        return child.nextFireTime(previousFireTime, now);
    }

    /**
     * The first fire time of {@code child} at or after {@code instant}, counted from the child's own start.
     *
     * @throws TriggerSearchException when the child needs more than {@value #MAX_CATCH_UP_STEPS} steps, or the budget
     *     runs out
     */
    static Optional<ZonedDateTime> atOrAfter(Trigger child, ZonedDateTime instant, SearchBudget budget) {
        if (child instanceof CombiningTrigger combining) {
            return combining.firstAtOrAfter(instant, budget);
        }
        Optional<ZonedDateTime> next = next(child, null, instant, budget);
        for (int i = 0; i < MAX_CATCH_UP_STEPS; i++) {
            if (next.isEmpty() || !next.get().isBefore(instant)) {
                return next;
            }
            next = next(child, next.get(), instant, budget);
        }
        throw new TriggerSearchException(InputText.shorten(child) + " did not reach " + instant + " within " + MAX_CATCH_UP_STEPS
                + " steps");
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here in a few searches however many fire times were missed: as every child counts from its own start, the
     * fire times are known from any instant on ({@link #firstAtOrAfter}), so this looks back from {@code now} over
     * windows of 1 s, 2 s, 4 s, … (never before {@code fireTime}) until one holds a fire time, then steps from that
     * one as {@link #nextFireTime} does ({@code FireTimeLookBack}, as the {@code cron} trigger). About log2 of the
     * time since the latest fire time searches plus the fire times in the last window; stepping from
     * {@code fireTime} could take billions of steps for a child firing every second after a long downtime. Like the
     * stepping, it works at the millisecond precision of {@link #nextFireTime}, which resumes one millisecond after
     * the previous fire time.
     */
    @Override
    public ZonedDateTime latestFireTimeAtOrBefore(ZonedDateTime fireTime, ZonedDateTime now) {
        Instant latest = FireTimeLookBack.latestAtOrBefore(fireTime.toInstant(), now.toInstant(),
                (instant) -> nextFireTime(Zones.atZone(instant, this.timezone), now).map(ZonedDateTime::toInstant));
        return Zones.atZone(latest, this.timezone);
    }

    /**
     * This trigger's first fire time at or after {@code instant}, every child counted from its own start
     * (a nested combining trigger answers directly rather than being stepped from a past date child).
     *
     * @throws TriggerSearchException when a bounded search ends without an answer
     */
    abstract Optional<ZonedDateTime> firstAtOrAfter(ZonedDateTime instant, SearchBudget budget);

    /** The earliest instant a fire time following {@code previousFireTime} may have (see the class javadoc). */
    static ZonedDateTime after(ZonedDateTime previousFireTime) {
        return previousFireTime.truncatedTo(ChronoUnit.MILLIS).plus(1, ChronoUnit.MILLIS);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code type}, {@code triggers} (the children's specs, in order), {@code timezone} and
     *     {@code jitter} (seconds) when not zero
     */
    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(TriggerSpec.TYPE, this.type);
        spec.put("triggers", this.triggers.stream().map(Trigger::toSpec).toList());
        return TriggerSpec.withZoneAndJitter(spec, this.timezone, this.jitter);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && this.triggers.equals(((CombiningTrigger) other).triggers)
                && this.timezone.equals(((CombiningTrigger) other).timezone) && this.jitter.equals(((CombiningTrigger) other).jitter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.type, this.triggers, this.timezone, this.jitter);
    }

    /**
     * As APScheduler: {@code and[interval[0:02:00], cron[hour='7-22']]}, {@code or[...]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return this.triggers.stream().map(Object::toString).collect(Collectors.joining(", ", this.type + "[", "]"));
    }
}
