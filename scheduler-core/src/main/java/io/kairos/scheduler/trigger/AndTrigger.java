package io.kairos.scheduler.trigger;

import io.kairos.scheduler.input.InputText;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * Fires when <em>all</em> its children fire at the same instant: the {@code and} trigger, as APScheduler
 * 3.x {@code AndTrigger}, with two differences.
 *
 * <ul>
 * <li>Each child counts from its own start (see {@link CombiningTrigger}), so
 * {@code and(interval 2 minutes from 07:00, cron hour=7-22)} finds the hours on which both agree
 * (APScheduler #281, #361). An interval child agrees with a cron child only when its
 * {@code start_date} is on the cron trigger's grid (whole seconds); one created without a start date
 * starts at the creation instant, fractions of a second included.</li>
 * <li>The search is bounded: after {@value #MAX_STEPS} rounds without agreement, or
 * {@value CombiningTrigger#MAX_SEARCH_STEPS} look-ups of children, it throws {@link TriggerSearchException}
 * instead of looping forever (as APScheduler 4's {@code max_iterations}). APScheduler 4's {@code threshold} (agreement within a tolerance) is not
 * offered: children must agree to the nanosecond.</li>
 * </ul>
 *
 * <p>Search: starting from {@code now} (no previous fire time) or just after the previous fire time,
 * take every child's first fire time at or after the candidate; when they are all equal that is the
 * answer, otherwise the latest of them becomes the new candidate. A child that is finished finishes
 * this trigger. Immutable and thread-safe when the children are.
 */
public final class AndTrigger extends CombiningTrigger {

    /** The most search rounds before {@link TriggerSearchException}. */
    public static final int MAX_STEPS = 10_000;

    /**
     * Creates the trigger.
     *
     * @param triggers the children, 1 to {@value CombiningTrigger#MAX_CHILDREN}, nested at most
     *     {@value CombiningTrigger#MAX_DEPTH} levels deep with this one
     * @param timezone the zone fire times are returned in, or {@code null} for the first child's zone
     * @param jitter the largest random delay the scheduler adds, or {@code null} for none
     * @throws InvalidTriggerSpecException when {@code triggers} is empty or too many, nesting is too deep, or the
     *     jitter is negative
     */
    public AndTrigger(List<? extends Trigger> triggers, @Nullable ZoneId timezone, @Nullable Duration jitter) {
        super("and", triggers, timezone, jitter);
    }

    /**
     * Builds the trigger from an {@code and} spec.
     *
     * @param spec the spec (keys {@link CombiningTrigger#KEYS}), not {@code null}
     * @param defaultZone the zone when the spec gives no {@code timezone}; also the children's default
     * @param clock passed to the children (for their "now" defaults)
     * @return the trigger
     * @throws InvalidTriggerSpecException for an unknown key, an empty or absent {@code triggers}, more than
     *     {@value CombiningTrigger#MAX_CHILDREN} children or {@value CombiningTrigger#MAX_DEPTH} levels, or an
     *     invalid child (the field is named {@code triggers[i].key})
     */
    public static AndTrigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock) {
        return fromSpec(spec, defaultZone, clock, 1);
    }

    /** {@link #fromSpec(Map, ZoneId, InstantSource)} for a spec at nesting level {@code depth}. */
    static AndTrigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock, int depth) {
        return readCombining("and", spec, defaultZone, clock, depth, AndTrigger::new);
    }

    @Override
    Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now, SearchBudget budget) {
        return firstAtOrAfter(previousFireTime == null ? now : after(previousFireTime), budget);
    }

    @Override
    Optional<ZonedDateTime> firstAtOrAfter(ZonedDateTime start, SearchBudget budget) {
        ZonedDateTime from = start;
        List<Trigger> children = triggers();
        @Nullable ZonedDateTime[] times = new ZonedDateTime[children.size()];
        for (int round = 0; round < MAX_STEPS; round++) {
            ZonedDateTime first = null;
            ZonedDateTime latest = null;
            boolean agree = true;
            for (int i = 0; i < times.length; i++) {
                ZonedDateTime time = times[i];
                // a child whose answer is not before the candidate keeps it: it has no fire time in between
                if (time == null || time.isBefore(from)) {
                    Optional<ZonedDateTime> next = atOrAfter(children.get(i), from, budget);
                    if (next.isEmpty()) {
                        return Optional.empty();
                    }
                    time = next.get();
                    times[i] = time;
                }
                if (first == null) {
                    first = time;
                }
                agree &= time.toInstant().equals(first.toInstant());
                latest = latest == null || time.isAfter(latest) ? time : latest;
            }
            // a combining trigger has at least one child, so first and latest are set
            if (agree) {
                return Optional.of(Objects.requireNonNull(first).withZoneSameInstant(timezone()));
            }
            from = Objects.requireNonNull(latest);
        }
        throw new TriggerSearchException(InputText.shorten(this) + " found no common fire time in " + MAX_STEPS + " rounds, "
                + "searching from " + start + " to " + from + "; the children's fire times may never coincide (an interval whose "
                + "start_date is not on the other triggers' grid, e.g. has a fraction of a second, never meets a cron trigger): "
                + "give the children aligned start dates");
    }

    /**
     * {@inheritDoc}
     *
     * @return the earliest end date among the children that have one (none fires after it), or empty
     */
    @Override
    public Optional<ZonedDateTime> endDate() {
        return triggers().stream().map(Trigger::endDate).flatMap(Optional::stream).min(ZonedDateTime::compareTo);
    }
}
