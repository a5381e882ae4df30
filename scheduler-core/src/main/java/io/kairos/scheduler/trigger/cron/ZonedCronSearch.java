package io.kairos.scheduler.trigger.cron;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Turns matching wall times of a {@link CronSchedule} into fire instants in one time zone, with the
 * Kairos daylight-saving rules:
 * <ul>
 * <li>a matching wall time inside a gap fires once, at the wall time shifted forward by the gap's length
 * (02:30 on a one-hour gap fires at 03:30 new time: the same instant APScheduler 3 gives);</li>
 * <li>a matching wall time that occurs twice fires at its first occurrence only, unless the schedule
 * matches {@linkplain CronSchedule#everyHour() every hour}, in which case both occurrences fire (so
 * "every 15 minutes" keeps its pace through the repeated hour).</li>
 * </ul>
 * The fire set is therefore a set of instants, and {@link #next} returns its smallest member at or after
 * a given instant. Instants are epoch seconds. Stateless and thread-safe.
 */
public final class ZonedCronSearch {

    private ZonedCronSearch() {
    }

    /**
     * The first fire instant at or after {@code start}.
     *
     * @param schedule the wall-clock schedule
     * @param rules the zone's rules
     * @param start epoch second to search from (inclusive)
     * @return the fire instant in epoch seconds, or {@link CronSchedule#NONE}
     */
    public static long next(CronSchedule schedule, ZoneRules rules, long start) {
        if (rules.isFixedOffset()) {
            int offset = rules.getOffset(Instant.EPOCH).getTotalSeconds();
            long wall = schedule.next(start + offset);
            return wall == CronSchedule.NONE ? CronSchedule.NONE : wall - offset;
        }
        Instant startInstant = Instant.ofEpochSecond(start);
        ZoneOffsetTransition previous = rules.previousTransition(startInstant.plusNanos(1));
        ZoneOffsetTransition next = rules.nextTransition(startInstant);
        if (previous == null || start >= previous.toEpochSecond() + shiftSeconds(previous)) {
            // Fast path: start is clear of the last transition (no gap wall times still ahead, no repeated wall
            // times), so a match before the next transition is a plain wall time with the current offset.
            int offset = (previous != null) ? previous.getOffsetAfter().getTotalSeconds()
                    : rules.getOffset(startInstant).getTotalSeconds();
            long wall = schedule.next(start + offset);
            if (wall != CronSchedule.NONE && (next == null || wall - offset < next.toEpochSecond())) {
                return wall - offset;
            }
        }
        long best = CronSchedule.NONE;
        if (previous != null && previous.isGap() && start < previous.toEpochSecond() + shiftSeconds(previous)) {
            // wall times of the gap still ahead of start (they fire shifted forward, after the transition)
            int before = previous.getOffsetBefore().getTotalSeconds();
            long wall = schedule.next(start + before);
            if (wall != CronSchedule.NONE && wall < local(previous.getDateTimeAfter())) {
                best = wall - before;
            }
        }
        best = min(best, firstOccurrenceOrRepeat(schedule, rules, start));
        if (schedule.everyHour() && next != null && next.isOverlap() && (best == CronSchedule.NONE || next.toEpochSecond() < best)) {
            // second occurrences of the repeated wall times just ahead
            long wall = schedule.next(local(next.getDateTimeAfter()));
            if (wall != CronSchedule.NONE && wall < local(next.getDateTimeBefore())) {
                best = min(best, wall - next.getOffsetAfter().getTotalSeconds());
            }
        }
        return best;
    }

    private static long firstOccurrenceOrRepeat(CronSchedule schedule, ZoneRules rules, long start) {
        int offsetAtStart = rules.getOffset(Instant.ofEpochSecond(start)).getTotalSeconds();
        long wall = start + offsetAtStart;
        while (true) {
            wall = schedule.next(wall);
            if (wall == CronSchedule.NONE) {
                return CronSchedule.NONE;
            }
            LocalDateTime dateTime = LocalDateTime.ofEpochSecond(wall, 0, ZoneOffset.UTC);
            ZoneOffsetTransition transition = rules.getTransition(dateTime);
            if (transition == null) {
                return wall - rules.getOffset(dateTime).getTotalSeconds();
            }
            if (transition.isGap()) {
                long fire = wall - transition.getOffsetBefore().getTotalSeconds();
                long after = schedule.next(local(transition.getDateTimeAfter()));
                if (after != CronSchedule.NONE) {
                    fire = Math.min(fire, after - transition.getOffsetAfter().getTotalSeconds());
                }
                return fire;
            }
            long first = wall - transition.getOffsetBefore().getTotalSeconds();
            if (first >= start) {
                return first;
            }
            if (schedule.everyHour()) {
                return wall - transition.getOffsetAfter().getTotalSeconds();
            }
            // start lies in the second occurrence: skip the rest of the repeated wall times
            wall = local(transition.getDateTimeBefore());
        }
    }

    /** The length of a transition's gap or overlap, in seconds. */
    private static long shiftSeconds(ZoneOffsetTransition transition) {
        return Math.abs(transition.getOffsetAfter().getTotalSeconds() - transition.getOffsetBefore().getTotalSeconds());
    }

    private static long local(LocalDateTime dateTime) {
        return dateTime.toEpochSecond(ZoneOffset.UTC);
    }

    private static long min(long a, long b) {
        if (a == CronSchedule.NONE) {
            return b;
        }
        if (b == CronSchedule.NONE) {
            return a;
        }
        return Math.min(a, b);
    }
}
