package io.kairos.scheduler.trigger;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * Fires whenever <em>any</em> of its children fires: the {@code or} trigger, as APScheduler 3.x
 * {@code OrTrigger}, except that each child advances from its own fire times (see
 * {@link CombiningTrigger}): {@code or(interval 4 s, interval 6 s)} from the same start fires at +0, +4,
 * +6, +8, +12, +16, +18 s (as APScheduler 4; APScheduler 3 fed every child the combined previous fire
 * time, so the 6 s child was reset by the 4 s child's fires and never fired, issue #361). A time at
 * which several children fire is returned once.
 *
 * <p>Without a previous fire time the result is the earliest of the children's
 * {@code nextFireTime(null, now)} (a date child may return its past run date, as APScheduler); with one,
 * the earliest child fire time after it. Empty when every child is finished. Immutable and thread-safe
 * when the children are.
 */
public final class OrTrigger extends CombiningTrigger {

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
    public OrTrigger(List<? extends Trigger> triggers, @Nullable ZoneId timezone, @Nullable Duration jitter) {
        super("or", triggers, timezone, jitter);
    }

    /**
     * Builds the trigger from an {@code or} spec.
     *
     * @param spec the spec (keys {@link CombiningTrigger#KEYS}), not {@code null}
     * @param defaultZone the zone when the spec gives no {@code timezone}; also the children's default
     * @param clock passed to the children (for their "now" defaults)
     * @return the trigger
     * @throws InvalidTriggerSpecException for an unknown key, an empty or absent {@code triggers}, more than
     *     {@value CombiningTrigger#MAX_CHILDREN} children or {@value CombiningTrigger#MAX_DEPTH} levels, or an
     *     invalid child (the field is named {@code triggers[i].key})
     */
    public static OrTrigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock) {
        return fromSpec(spec, defaultZone, clock, 1);
    }

    /** {@link #fromSpec(Map, ZoneId, InstantSource)} for a spec at nesting level {@code depth}. */
    static OrTrigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock, int depth) {
        return readCombining("or", spec, defaultZone, clock, depth, OrTrigger::new);
    }

    @Override
    Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now, SearchBudget budget) {
        if (previousFireTime != null) {
            return firstAtOrAfter(after(previousFireTime), budget);
        }
        return earliest(triggers().stream().map((child) -> next(child, null, now, budget)).toList());
    }

    @Override
    Optional<ZonedDateTime> firstAtOrAfter(ZonedDateTime instant, SearchBudget budget) {
        return earliest(triggers().stream().map((child) -> atOrAfter(child, instant, budget)).toList());
    }

    private Optional<ZonedDateTime> earliest(List<Optional<ZonedDateTime>> answers) {
        ZonedDateTime earliest = null;
        for (Optional<ZonedDateTime> next : answers) {
            if (next.isPresent() && (earliest == null || next.get().isBefore(earliest))) {
                earliest = next.get();
            }
        }
        return Optional.ofNullable(earliest).map((time) -> time.withZoneSameInstant(timezone()));
    }

    /**
     * {@inheritDoc}
     *
     * @return the latest of the children's end dates when every child has one, otherwise empty
     */
    @Override
    public Optional<ZonedDateTime> endDate() {
        if (triggers().stream().anyMatch((child) -> child.endDate().isEmpty())) {
            return Optional.empty();
        }
        return triggers().stream().map((child) -> child.endDate().get()).max(ZonedDateTime::compareTo);
    }
}
