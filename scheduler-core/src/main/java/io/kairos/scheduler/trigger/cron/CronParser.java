package io.kairos.scheduler.trigger.cron;

import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles cron definitions into {@link CronSchedule}s: the APScheduler keyword-field form and the
 * string form (5-field crontab, 6-field Spring, {@code @} macros). Stateless and thread-safe.
 */
public final class CronParser {

    private static final String SPEC_PREFIX = "cron trigger '";

    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly",
            "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private static final List<CronField> CRONTAB_ORDER = List.of(CronField.MINUTE, CronField.HOUR, CronField.DAY, CronField.MONTH,
            CronField.DAY_OF_WEEK);

    private static final List<CronField> SPRING_ORDER = List.of(CronField.SECOND, CronField.MINUTE, CronField.HOUR, CronField.DAY,
            CronField.MONTH, CronField.DAY_OF_WEEK);

    private CronParser() {
    }

    /**
     * The result of compiling the field form.
     *
     * @param schedule the compiled schedule
     * @param given the explicitly given fields in field order, their text normalised (lower case, no leading
     *     zeros, no spaces around commas); unmodifiable
     */
    public record FieldForm(CronSchedule schedule, Map<CronField, String> given) {
    }

    /**
     * Compiles APScheduler 3 keyword fields. Omitted fields more significant than the least significant
     * given field are {@code *}; less significant ones take {@link CronField#defaultValue()}; with no field
     * at all every field is {@code *} (fires every second, as APScheduler 3).
     *
     * @param given field texts by field; absent fields are omitted
     * @return the schedule and the normalised given fields
     * @throws InvalidTriggerSpecException naming the field, its value and what would be valid
     */
    public static FieldForm parseFields(Map<CronField, String> given) {
        Map<CronField, ParsedField> parsed = new EnumMap<>(CronField.class);
        Map<CronField, String> normalized = new LinkedHashMap<>();
        int remaining = given.size();
        boolean defaults = false;
        for (CronField field : CronField.values()) {
            String text = given.get(field);
            String effective;
            if (text != null) {
                effective = text;
                remaining--;
                defaults = remaining == 0;
            }
            else {
                effective = defaults ? field.defaultValue() : "*";
            }
            String prefix = SPEC_PREFIX + field.key() + "': value '" + InputText.shorten(effective) + "' ";
            ParsedField result = new FieldParser(FieldSyntax.of(Dialect.FIELDS, field), field.key(), effective, prefix).parse(effective);
            parsed.put(field, result);
            if (text != null) {
                normalized.put(field, result.normalized());
            }
        }
        return new FieldForm(compile(parsed, false), Collections.unmodifiableMap(normalized));
    }

    /**
     * Compiles the string form: a macro ({@code @yearly @annually @monthly @weekly @daily @midnight
     * @hourly}), 5 crontab fields {@code minute hour day month day_of_week} (POSIX/Vixie) or 6 Spring
     * fields {@code second minute hour day month day_of_week}.
     *
     * @param expression the expression text
     * @return the schedule
     * @throws InvalidTriggerSpecException for a wrong field count or a bad field, naming the field
     */
    public static CronSchedule parseExpression(String expression) {
        String trimmed = expression.trim();
        String macro = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
        String effective = (macro != null) ? macro : trimmed;
        String[] parts = effective.isEmpty() ? new String[0] : effective.split("\\s+");
        List<CronField> order;
        Dialect dialect;
        if (parts.length == 5) {
            order = CRONTAB_ORDER;
            dialect = Dialect.CRONTAB;
        }
        else if (parts.length == 6) {
            order = SPRING_ORDER;
            dialect = Dialect.SPRING;
        }
        else {
            throw new InvalidTriggerSpecException("expression", expression, SPEC_PREFIX + "expression': value '"
                    + InputText.shorten(expression) + "' has the wrong number of fields; got " + parts.length + ", expected 5 ('minute hour day month day_of_week',"
                    + " crontab) or 6 ('second minute hour day month day_of_week', Spring), or a macro "
                    + "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly");
        }
        Map<CronField, ParsedField> parsed = new EnumMap<>(CronField.class);
        for (int i = 0; i < parts.length; i++) {
            CronField field = order.get(i);
            String prefix = SPEC_PREFIX + "expression': value '" + InputText.shorten(expression) + "': field " + (i + 1) + " ('"
                    + field.key() + "') value '" + InputText.shorten(parts[i]) + "' ";
            parsed.put(field, new FieldParser(FieldSyntax.of(dialect, field), "expression", expression, prefix).parse(parts[i]));
        }
        FieldParser star = new FieldParser(FieldSyntax.of(Dialect.FIELDS, CronField.YEAR), "expression", expression, "");
        parsed.put(CronField.YEAR, star.parse("*"));
        parsed.put(CronField.WEEK, new FieldParser(FieldSyntax.of(Dialect.FIELDS, CronField.WEEK), "expression", expression, "")
            .parse("*"));
        if (dialect == Dialect.CRONTAB) {
            parsed.put(CronField.SECOND, new FieldParser(FieldSyntax.of(Dialect.FIELDS, CronField.SECOND), "expression", expression, "")
                .parse("0"));
        }
        boolean either = dialect == Dialect.CRONTAB && field(parsed, CronField.DAY).restricted()
                && field(parsed, CronField.DAY_OF_WEEK).restricted();
        return compile(parsed, either);
    }

    /** A field of a parse, which holds every field by the time it is compiled. */
    private static ParsedField field(Map<CronField, ParsedField> parsed, CronField field) {
        return Objects.requireNonNull(parsed.get(field), field.key());
    }

    private static CronSchedule compile(Map<CronField, ParsedField> parsed, boolean either) {
        ParsedField day = field(parsed, CronField.DAY);
        ParsedField weekday = field(parsed, CronField.DAY_OF_WEEK);
        DayRule rule = new DayRule(day.mask(), day.specials(), (int) weekday.mask(), weekday.specials(),
                field(parsed, CronField.WEEK).mask(), either);
        BitSet years = field(parsed, CronField.YEAR).values();
        boolean allYears = years.cardinality() == CronSchedule.MAX_YEAR - CronSchedule.MIN_YEAR + 1;
        return new CronSchedule(allYears ? null : years, field(parsed, CronField.MONTH).mask(), rule,
                field(parsed, CronField.HOUR).mask(), field(parsed, CronField.MINUTE).mask(), field(parsed, CronField.SECOND).mask());
    }
}
