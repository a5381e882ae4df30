package io.kairos.scheduler.config;

import io.kairos.scheduler.input.InputText;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses durations as configuration gives them: a number of seconds ({@code 30}, {@code 1.5}), a number with a
 * unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT30S}). The number is
 * read with {@link InputText#decimal}, so a huge exponent ({@code 1e999999999}) is refused before any arithmetic.
 */
public final class Durations {

    private static final String VALID = "seconds ('30'), a number with a unit ('500ms', '30s', '5m', '2h', '1d') "
            + "or ISO-8601 ('PT30S'), at most about 292 years";

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param key the configuration key, for the message
     * @param value the text
     * @return the duration, not negative, at most {@link Long#MAX_VALUE} nanoseconds (about 292 years)
     * @throws InvalidConfigurationException naming the key and the value (cut to a short prefix) when the text is not a
     *     duration, is negative or is longer than that
     */
    public static Duration parse(String key, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration result;
            if (text.startsWith("p") || text.startsWith("-p")) {
                result = Duration.parse(text.toUpperCase(Locale.ROOT));
                result.toNanos();
            }
            else if (text.endsWith("ms")) {
                result = Duration.ofNanos(InputText.decimal(text.substring(0, text.length() - 2).trim()).movePointRight(6).longValueExact());
            }
            else {
                long unitSeconds = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
                    case 's' -> 1;
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    case 'd' -> 86400;
                    default -> 0;
                };
                String number = unitSeconds == 0 ? text : text.substring(0, text.length() - 1).trim();
                BigDecimal seconds = InputText.decimal(number).multiply(BigDecimal.valueOf(unitSeconds == 0 ? 1 : unitSeconds));
                result = Duration.ofNanos(seconds.movePointRight(9).longValueExact());
            }
            if (result.isNegative()) {
                throw new InvalidConfigurationException(key, InputText.shorten(value), "must not be negative", VALID);
            }
            return result;
        }
        catch (NumberFormatException | ArithmeticException | DateTimeParseException ex) {
            throw new InvalidConfigurationException("'" + key + "': value '" + InputText.shorten(value) + "' is not a duration; valid: "
                    + VALID, key, InputText.shorten(value), "is not a duration", VALID, ex);
        }
    }
}
