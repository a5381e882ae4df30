package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.CronSpecs.BERLIN;
import static io.kairos.scheduler.trigger.CronSpecs.cron;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invalid cron specs are rejected when parsed, with a message naming the field, the value and what
 * would be valid. Covers APScheduler 3's {@code test_invalid_ranges} (E01-E04), field-expression errors
 * (F03, F07, F13-F15), 4.x errors (V01-V06), derived D2, D3 and D15, plus Kairos' own checks.
 */
class CronTriggerValidationTests {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            E01 | day=*/31              | day         | */31       | the step value (31) is higher than the total range of the expression (30)
            E02 | day=4-6/3             | day         | 4-6/3      | the step value (3) is higher than the total range of the expression (2)
            E03 | hour=0-24             | hour        | 0-24       | the last value (24) is higher than the maximum value (23)
            E04 | day=0-3               | day         | 0-3        | the first value (0) is lower than the minimum value (1)
            F03 | hour=*/0              | hour        | */0        | increment must be higher than 0
            F07 | day=5-3               | day         | 5-3        | the minimum value in a range must not be higher than the maximum
            F13 | day=6th fri           | day         | 6th fri    | invalid weekday position '6th'
            F14 | day=1st moh           | day         | 1st moh    | invalid weekday name 'moh'
            F15 | day_of_week=moh-fri   | day_of_week | moh-fri    | invalid weekday name 'moh'
            F15b| day_of_week=mon-fre   | day_of_week | mon-fre    | invalid weekday name 'fre'
            V01 | year=2009-fault       | year        | 2009-fault | unrecognized expression for field 'year'
            V02 | year=2009/0           | year        | 2009/0     | increment must be higher than 0
            V03 | year=2009-2008        | year        | 2009-2008  | the minimum value in a range must not be higher than the maximum
            V04 | month=fab             | month       | fab        | invalid month name 'fab'
            V04b| month=jan-fab         | month       | jan-fab    | invalid month name 'fab'
            V05 | day_of_week=web       | day_of_week | web        | invalid weekday name 'web'
            V06 | day=1st web           | day         | 1st web    | invalid weekday name 'web'
            D2  | day_of_week=7         | day_of_week | 7          | the last value (7) is higher than the maximum value (6)
            D3  | day_of_week=sat-mon   | day_of_week | sat-mon    | the minimum value in a range must not be higher than the maximum
            D15a| day_of_week=last fri  | day_of_week | last fri   | unrecognized expression
            D15b| day=1st 5             | day         | 1st 5      | invalid weekday name '5'
            K01 | week=54               | week        | 54         | the last value (54) is higher than the maximum value (53)
            K02 | year=1969             | year        | 1969       | the first value (1969) is lower than the minimum value (1970)
            K03 | minute=1,,2           | minute      | 1,,2       | empty element
            K04 | second=-1             | second      | -1         | unrecognized expression
            K05 | hour=*/24             | hour        | */24       | the step value (24) is higher than the total range of the expression (23)
            K06 | day=L                 | day         | L          | unrecognized expression
            """)
    void fieldFormErrors(String id, String spec, String field, String value, String message) {
        InvalidTriggerSpecException ex = catchThrowableOfType(InvalidTriggerSpecException.class, () -> cron(spec, BERLIN));
        assertThat(ex).as(id).isNotNull();
        assertThat(ex.field()).isEqualTo(field);
        assertThat(ex.value()).isEqualTo(value);
        assertThat(ex.getMessage()).containsIgnoringCase(message).contains("'" + field + "'").contains("'" + value + "'")
            .contains("valid");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            X18  | *                     | got 1, expected 5
            X18b | * * * *               | got 4, expected 5
            X18c | * * * * * * *         | got 7, expected 5
            C01  | * * 0 * *             | field 3 ('day') value '0' is invalid: in '0' the first value (0) is lower than the minimum value (1)
            C02  | * * * * 8             | the last value (8) is higher than the maximum value (7)
            C03  | * * * * 6-1           | the minimum value in a range must not be higher than the maximum
            C04  | * * L * *             | unrecognized expression for field 'day'
            C05  | * * ? * *             | unrecognized expression for field 'day'
            C06  | * * * * 5#2           | unrecognized expression for field 'day_of_week'
            C07  | 60 * * * *            | the last value (60) is higher than the maximum value (59)
            S01  | 0 0 0 L-31 * *        | valid: L-1 to L-30
            S02  | 0 0 0 ? * 5#6         | valid: d#1 to d#5
            S03  | 0 0 0 32W * *         | valid: 1W to 31W
            S04  | 0 0 0 * * 8L          | invalid weekday '8'
            S05  | 0 0 0 * * L           | invalid weekday name 'l'
            S06  | 0 0 0 * ? * *         | got 7
            S07  | 0 0 0 * ? *           | unrecognized expression for field 'month'
            S08  | 0 0 24 * * *          | the last value (24) is higher than the maximum value (23)
            S09  | @fortnightly          | got 1, expected 5
            """)
    void expressionErrors(String id, String expression, String message) {
        InvalidTriggerSpecException ex = catchThrowableOfType(InvalidTriggerSpecException.class,
                () -> CronTrigger.ofExpression(expression, BERLIN));
        assertThat(ex).as(id).isNotNull();
        assertThat(ex.field()).isEqualTo("expression");
        assertThat(ex.value()).isEqualTo(expression);
        assertThat(ex.getMessage()).containsIgnoringCase(message).contains("'expression'").contains(expression);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            start after end  | hour=1;start_date=2024-02-02;end_date=2024-02-01 | start_date | is after end_date
            unknown zone     | hour=1;timezone=Mars/Olympus                      | timezone   | unknown time zone 'Mars/Olympus'
            bad date         | hour=1;start_date=tomorrow                        | start_date | is not a date-time
            negative jitter  | hour=1;jitter=-5                                  | jitter     | must not be negative
            unknown key C25  | second=0;third=1                                  | third      | unknown key 'third'
            both forms       | hour=1;expression=* * * * *                       | expression | cannot be combined with the fields hour
            """)
    void specErrors(String name, String spec, String field, String message) {
        InvalidTriggerSpecException ex = catchThrowableOfType(InvalidTriggerSpecException.class, () -> cron(spec, BERLIN));
        assertThat(ex).as(name).isNotNull();
        assertThat(ex.field()).isEqualTo(field);
        assertThat(ex.getMessage()).contains(message);
    }

    @ParameterizedTest
    @ValueSource(strings = { "hour=5-5/1", "minute=59/5", "month=jan-mar/2", "day_of_week=mon-fri/2", "day=1-2, 4-7",
            "day=last,15", "expression=*/5 * * * *", "expression=0 0 1-15 may-aug *", "expression=0 0 0 LW,15 * ?",
            "expression=0 0 0 ? * MON#1,FRIL", "expression=@weekly", "expression=  0   0 * * 0  " })
    void acceptsKairosExtensionsAndDialects(String spec) {
        assertThatCode(() -> cron(spec, BERLIN)).doesNotThrowAnyException();
    }
}
