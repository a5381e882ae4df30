package io.kairos.scheduler.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Short echoes of long values, and decimal numbers whose size is checked before any arithmetic. */
class InputTextTests {

    @Test
    void shortValuesAreEchoedWholeAndLongOnesCutToAPrefix() {
        assertThat(InputText.shorten("hourz")).isEqualTo("hourz");
        assertThat(InputText.shorten(null)).isEqualTo("null");
        String exact = "x".repeat(InputText.MAX_ECHO_LENGTH);
        assertThat(InputText.shorten(exact)).isEqualTo(exact);
        assertThat(InputText.shorten("y".repeat(5_000_000))).isEqualTo("y".repeat(InputText.MAX_ECHO_LENGTH) + "…");
        assertThat(InputText.shorten(List.of("z".repeat(1000)))).hasSize(InputText.MAX_ECHO_LENGTH + 1).startsWith("[zzz");
        // a surrogate pair is never split
        String emoji = "a".repeat(InputText.MAX_ECHO_LENGTH - 1) + "\uD83D\uDE00" + "b";
        assertThat(InputText.shorten(emoji)).isEqualTo("a".repeat(InputText.MAX_ECHO_LENGTH - 1) + "…");
    }

    @Test
    void quotedValuesNameTheLengthOfWhatWasCut() {
        assertThat(InputText.quote("explode")).isEqualTo("'explode'");
        assertThat(InputText.quote(null)).isEqualTo("null");
        assertThat(InputText.quote("x".repeat(InputText.MAX_ECHO_LENGTH))).isEqualTo("'" + "x".repeat(InputText.MAX_ECHO_LENGTH) + "'");
        assertThat(InputText.quote("y".repeat(5000)))
                .isEqualTo("'" + "y".repeat(InputText.MAX_ECHO_LENGTH) + "…' (5000 characters)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            30                    | 30
            1.50                  | 1.5
            -2e3                  | -2000
            0e999999999           | 0
            +7                    | 7
            99999999999999999999  | 99999999999999999999
            0.000001              | 0.000001
            """)
    void readsNumbersInTheirUsualForms(String text, BigDecimal expected) {
        assertThat(InputText.decimal(text)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e300000", "1e999999999", "-1e999999999", "100000000000000000000", "1e20" })
    void refusesMagnitudesOf10To20OrMore(String text) {
        assertThatThrownBy(() -> InputText.decimal(text)).isInstanceOf(NumberFormatException.class)
            .hasMessage("is out of range (at most 20 digits before the decimal point)");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e-999999999", "1e-101", "5E-2147483647" })
    void refusesMoreThan100DecimalPlaces(String text) {
        assertThatThrownBy(() -> InputText.decimal(text)).isInstanceOf(NumberFormatException.class)
            .hasMessage("is out of range (at most 100 digits after the decimal point)");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "NaN", "Infinity", "1e9999999999", "0x10", "1_000", "\uFF11\uFF12", "\u0661", " 1" })
    void refusesWhatIsNotAPlainNumber(String text) {
        assertThatThrownBy(() -> InputText.decimal(text)).isInstanceOf(NumberFormatException.class).hasMessage("must be a number");
    }

    @Test
    void refusesTextLongerThan100CharactersWithoutReadingIt() {
        assertThat(InputText.decimal("1" + "0".repeat(19))).isEqualByComparingTo("1e19");
        assertThatThrownBy(() -> InputText.decimal("0." + "0".repeat(98) + "1")).hasMessage("must be a number of at most 100 characters");
        assertThatThrownBy(() -> InputText.decimal("1".repeat(5_000_000))).hasMessage("must be a number of at most 100 characters");
    }
}
