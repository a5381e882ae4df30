package io.kairos.scheduler.trigger.cron;

import java.util.BitSet;

/**
 * One parsed cron field.
 *
 * @param values the matching values; for day-of-week fields bit 0 = Monday … 6 = Sunday whatever the
 *     dialect's numbering, for years bit {@code year - 1970}
 * @param specials packed {@link DaySpecial}s (day and day-of-week fields only), never {@code null}
 * @param restricted {@code false} when the field text starts with {@code *} or {@code ?} (the crontab
 *     notion used for the day-of-month / day-of-week OR rule)
 * @param normalized the text in canonical form: lower case, no leading zeros, no spaces around commas
 */
record ParsedField(BitSet values, int[] specials, boolean restricted, String normalized) {

    long mask() {
        long[] words = this.values.toLongArray();
        return words.length == 0 ? 0 : words[0];
    }
}
