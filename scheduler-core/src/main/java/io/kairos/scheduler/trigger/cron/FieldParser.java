package io.kairos.scheduler.trigger.cron;

import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Parses one cron field: comma-separated elements {@code *}, {@code *}/step, a, a-b, a-b/step,
 * a/step (a up to the field maximum), names, and the dialect's day specials. Errors are
 * {@link InvalidTriggerSpecException}s naming the spec key, the value and what would be valid, keeping
 * the substance of APScheduler 3's messages. Unlike APScheduler 3, a step on a name range
 * ({@code jan-mar/2}) is honoured rather than silently dropped, and a one-value range with a step
 * ({@code 5-5/1}) is accepted. A step larger than its range is an error in the field form (APScheduler 3's rule) and
 * keeps the range's first value in the crontab and Spring forms ({@code 20-23/6} is 20), as Vixie cron, Spring and
 * Quartz do. Messages echo values cut to a short prefix ({@link InputText#shorten}).
 */
final class FieldParser {

    private static final List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th");

    private final FieldSyntax syntax;

    private final String key;

    private final String value;

    private final String prefix;

    /**
     * @param syntax the field's grammar
     * @param key the spec key for errors ({@code hour} or {@code expression})
     * @param value the spec value for errors (the field text or the whole expression)
     * @param prefix the message text naming the spec key and value, e.g. {@code cron trigger 'hour': value '25' }
     */
    FieldParser(FieldSyntax syntax, String key, String value, String prefix) {
        this.syntax = syntax;
        this.key = key;
        this.value = value;
        this.prefix = prefix;
    }

    ParsedField parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw fail("is empty; " + this.syntax.validHint());
        }
        BitSet values = new BitSet();
        List<Integer> specials = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (String raw : trimmed.split(",", -1)) {
            String item = raw.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (item.isEmpty()) {
                throw fail("has an empty element between commas; " + this.syntax.validHint());
            }
            normalized.add(item.replaceAll("\\b0+(\\d)", "$1"));
            if (!parseSpecial(item, specials)) {
                parseRange(item, values);
            }
        }
        boolean restricted = !(trimmed.startsWith("*") || trimmed.startsWith("?"));
        int[] packed = specials.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        return new ParsedField(values, packed, restricted, String.join(",", normalized));
    }

    private boolean parseSpecial(String item, List<Integer> specials) {
        CronField field = this.syntax.field;
        Dialect dialect = this.syntax.dialect;
        if (field == CronField.DAY && dialect == Dialect.FIELDS) {
            if (item.equals("last")) {
                specials.add(DaySpecial.of(DaySpecial.LAST_MINUS, 0, 0));
                return true;
            }
            int space = item.indexOf(' ');
            if (space < 0) {
                return false;
            }
            String position = item.substring(0, space);
            int weekday = CronField.WEEKDAY_NAMES.indexOf(item.substring(space + 1));
            if (!position.equals("last") && !POSITIONS.contains(position)) {
                throw fail("has an invalid weekday position '" + InputText.shorten(position) + "'; valid: 1st, 2nd, 3rd, 4th, 5th, last");
            }
            if (weekday < 0) {
                throw fail("has an invalid weekday name '" + InputText.shorten(item.substring(space + 1)) + "'; valid: mon, tue, wed, thu, fri, sat, sun");
            }
            specials.add(position.equals("last") ? DaySpecial.of(DaySpecial.LAST_DAY_OF_WEEK, 0, weekday)
                    : DaySpecial.of(DaySpecial.NTH_DAY_OF_WEEK, POSITIONS.indexOf(position) + 1, weekday));
            return true;
        }
        if (field == CronField.DAY && dialect == Dialect.SPRING) {
            return parseSpringDay(item, specials);
        }
        if (field == CronField.DAY_OF_WEEK && dialect == Dialect.SPRING) {
            return parseSpringWeekday(item, specials);
        }
        return false;
    }

    private boolean parseSpringDay(String item, List<Integer> specials) {
        if (item.equals("l")) {
            specials.add(DaySpecial.of(DaySpecial.LAST_MINUS, 0, 0));
        }
        else if (item.equals("lw")) {
            specials.add(DaySpecial.of(DaySpecial.LAST_WEEKDAY, 0, 0));
        }
        else if (item.matches("l-\\d{1,2}")) {
            int offset = Integer.parseInt(item.substring(2));
            if (offset < 1 || offset > 30) {
                throw fail("has an invalid offset in '" + InputText.shorten(item) + "'; valid: L-1 to L-30");
            }
            specials.add(DaySpecial.of(DaySpecial.LAST_MINUS, offset, 0));
        }
        else if (item.matches("\\d{1,2}w")) {
            int day = Integer.parseInt(item.substring(0, item.length() - 1));
            if (day < 1 || day > 31) {
                throw fail("has an invalid day in '" + InputText.shorten(item) + "'; valid: 1W to 31W");
            }
            specials.add(DaySpecial.of(DaySpecial.NEAREST_WEEKDAY, day, 0));
        }
        else {
            return false;
        }
        return true;
    }

    private boolean parseSpringWeekday(String item, List<Integer> specials) {
        int hash = item.indexOf('#');
        if (hash >= 0) {
            int weekday = this.syntax.bit(number(item.substring(0, hash), true));
            String ordinal = item.substring(hash + 1);
            if (!ordinal.matches("[1-5]")) {
                throw fail("has an invalid ordinal in '" + InputText.shorten(item) + "'; valid: d#1 to d#5");
            }
            specials.add(DaySpecial.of(DaySpecial.NTH_DAY_OF_WEEK, Integer.parseInt(ordinal), weekday));
            return true;
        }
        if (item.length() > 1 && item.endsWith("l")) {
            int weekday = this.syntax.bit(number(item.substring(0, item.length() - 1), true));
            specials.add(DaySpecial.of(DaySpecial.LAST_DAY_OF_WEEK, 0, weekday));
            return true;
        }
        return false;
    }

    private void parseRange(String item, BitSet values) {
        String base = item;
        Integer step = null;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            base = item.substring(0, slash);
            String stepText = item.substring(slash + 1);
            if (!stepText.matches("\\d{1,9}")) {
                throw unrecognized(item);
            }
            step = Integer.parseInt(stepText);
            if (step == 0) {
                throw fail("has a zero step in '" + InputText.shorten(item) + "' (increment must be higher than 0); " + this.syntax.validHint());
            }
        }
        int first;
        int last;
        if (base.equals("*") || (base.equals("?") && this.syntax.allowsQuestionMark() && step == null)) {
            first = this.syntax.starMin;
            last = this.syntax.starMax;
        }
        else {
            int dash = base.indexOf('-');
            if (dash > 0) {
                first = number(base.substring(0, dash), false);
                last = number(base.substring(dash + 1), false);
                if (this.syntax.dialect == Dialect.SPRING && this.syntax.field == CronField.DAY_OF_WEEK && first == 7) {
                    first = 0;
                }
            }
            else {
                first = number(base, false);
                last = (step == null) ? first : this.syntax.max;
            }
        }
        if (first < this.syntax.min) {
            throw fail("is invalid: in '" + InputText.shorten(item) + "' the first value (" + first + ") is lower than the minimum value ("
                    + this.syntax.min + "); " + this.syntax.validHint());
        }
        if (last > this.syntax.max) {
            throw fail("is invalid: in '" + InputText.shorten(item) + "' the last value (" + last + ") is higher than the maximum value ("
                    + this.syntax.max + "); " + this.syntax.validHint());
        }
        if (first > last) {
            throw fail("is invalid: in '" + InputText.shorten(item) + "' the minimum value in a range must not be higher than the maximum; "
                    + this.syntax.validHint());
        }
        int by = (step == null) ? 1 : step;
        // APScheduler's rule; crontab (Vixie) and Spring take a larger step and keep the range's first value
        if (this.syntax.dialect == Dialect.FIELDS && first != last && by > last - first) {
            throw fail("is invalid: in '" + InputText.shorten(item) + "' the step value (" + by + ") is higher than the total range of the expression ("
                    + (last - first) + "); " + this.syntax.validHint());
        }
        for (int v = first; v <= last; v += by) {
            values.set(this.syntax.bit(v));
        }
    }

    /** A number or a name; {@code weekdayOnly} restricts to day-of-week values for Spring's {@code dL} / {@code d#n}. */
    private int number(String token, boolean weekdayOnly) {
        if (token.matches("\\d{1,9}")) {
            int number = Integer.parseInt(token);
            if (weekdayOnly && number > this.syntax.max) {
                throw fail("has an invalid weekday '" + InputText.shorten(token) + "'; " + this.syntax.validHint());
            }
            return number;
        }
        if (token.matches("[a-z]+")) {
            int index = this.syntax.names.indexOf(token);
            if (index >= 0) {
                return index + this.syntax.nameBase;
            }
            if (this.syntax.field == CronField.MONTH) {
                throw fail("has an invalid month name '" + InputText.shorten(token) + "'; " + this.syntax.validHint());
            }
            if (this.syntax.field == CronField.DAY_OF_WEEK) {
                throw fail("has an invalid weekday name '" + InputText.shorten(token) + "'; " + this.syntax.validHint());
            }
        }
        throw unrecognized(token);
    }

    private InvalidTriggerSpecException unrecognized(String item) {
        return fail("is an unrecognized expression for field '" + this.syntax.field.key() + "' (at '" + InputText.shorten(item) + "'); "
                + this.syntax.validHint());
    }

    private InvalidTriggerSpecException fail(String problem) {
        return new InvalidTriggerSpecException(this.key, this.value, this.prefix + problem);
    }
}
