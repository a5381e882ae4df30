package io.kairos.scheduler.trigger.cron;

import java.util.List;

/**
 * The grammar of one field in one dialect: the numeric range, the range {@code *} stands for, the
 * names and how values map to bits. Immutable.
 */
final class FieldSyntax {

    private static final List<String> CRONTAB_WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    final Dialect dialect;

    final CronField field;

    final int min;

    final int max;

    final int starMin;

    final int starMax;

    final List<String> names;

    final int nameBase;

    private FieldSyntax(Dialect dialect, CronField field, int min, int max, int starMin, int starMax, List<String> names,
            int nameBase) {
        this.dialect = dialect;
        this.field = field;
        this.min = min;
        this.max = max;
        this.starMin = starMin;
        this.starMax = starMax;
        this.names = names;
        this.nameBase = nameBase;
    }

    static FieldSyntax of(Dialect dialect, CronField field) {
        if (field == CronField.MONTH) {
            return new FieldSyntax(dialect, field, 1, 12, 1, 12, CronField.MONTH_NAMES, 1);
        }
        if (field == CronField.DAY_OF_WEEK) {
            return switch (dialect) {
                case FIELDS -> new FieldSyntax(dialect, field, 0, 6, 0, 6, CronField.WEEKDAY_NAMES, 0);
                case CRONTAB -> new FieldSyntax(dialect, field, 0, 7, 0, 7, CRONTAB_WEEKDAYS, 0);
                case SPRING -> new FieldSyntax(dialect, field, 0, 7, 1, 7, CronField.WEEKDAY_NAMES, 1);
            };
        }
        return new FieldSyntax(dialect, field, field.min(), field.max(), field.min(), field.max(), List.of(), 0);
    }

    /** The bit a (validated) value sets: weekdays become 0 = Monday … 6 = Sunday. */
    int bit(int value) {
        if (this.field == CronField.YEAR) {
            return value - CronSchedule.MIN_YEAR;
        }
        if (this.field == CronField.DAY_OF_WEEK && this.dialect != Dialect.FIELDS) {
            return (value + 6) % 7;
        }
        return value;
    }

    boolean allowsQuestionMark() {
        return this.dialect == Dialect.SPRING && (this.field == CronField.DAY || this.field == CronField.DAY_OF_WEEK);
    }

    /** What a valid value of this field looks like, for error messages. */
    String validHint() {
        StringBuilder hint = new StringBuilder("valid: values ").append(this.min).append('-').append(this.max);
        if (this.field == CronField.DAY_OF_WEEK) {
            hint.append(this.dialect == Dialect.FIELDS ? " (0 = mon … 6 = sun)" : " (0 and 7 = sun)");
        }
        if (!this.names.isEmpty()) {
            hint.append(" or names ").append(String.join(",", this.names));
        }
        hint.append(", as *, */step, a, a-b, a-b/step, a/step, comma-separated");
        if (allowsQuestionMark()) {
            hint.append(", ?");
        }
        if (this.field == CronField.DAY && this.dialect == Dialect.FIELDS) {
            hint.append(", last, '<1st-5th|last> <mon-sun>'");
        }
        else if (this.field == CronField.DAY && this.dialect == Dialect.SPRING) {
            hint.append(", L, L-n, nW, LW");
        }
        else if (this.field == CronField.DAY_OF_WEEK && this.dialect == Dialect.SPRING) {
            hint.append(", dL (last d of the month), d#n (n-th d, n 1-5)");
        }
        return hint.toString();
    }
}
