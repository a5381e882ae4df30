package io.kairos.scheduler.input;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;


/**
 * Helpers for text that comes from outside: error messages that echo a value cut it to a short prefix
 * ({@link #shorten}), and decimal numbers are read with their size checked before any arithmetic
 * ({@link #decimal}), so that neither a 5 MB value nor {@code 1e999999999} costs more than a glance.
 * Stateless and thread-safe.
 */
public final class InputText {

    /** The most characters of a value an error message echoes; longer values are cut and end with {@code …}. */
    public static final int MAX_ECHO_LENGTH = 64;

    /** The longest text {@link #decimal} reads as a number. */
    public static final int MAX_NUMBER_LENGTH = 100;

    /** The most digits before the decimal point a number read by {@link #decimal} may have (values below 10^20). */
    public static final int MAX_INTEGER_DIGITS = 20;

    /** The most digits after the decimal point a number read by {@link #decimal} may have. */
    public static final int MAX_FRACTION_DIGITS = 100;

    private InputText() {
    }

    /**
     * A value as an error message should echo it: its text ({@link String#valueOf(Object)}), cut to its first
     * {@value #MAX_ECHO_LENGTH} characters followed by {@code …} when longer (never in the middle of a surrogate
     * pair).
     *
     * @param value the value, may be {@code null} (gives {@code "null"})
     * @return the text, at most {@value #MAX_ECHO_LENGTH} characters plus {@code …}
     */
    public static String shorten(@Nullable Object value) {
        CharSequence text = value instanceof CharSequence chars ? chars : String.valueOf(value);
        if (text.length() <= MAX_ECHO_LENGTH) {
            return text.toString();
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_ECHO_LENGTH - 1)) ? MAX_ECHO_LENGTH - 1 : MAX_ECHO_LENGTH;
        return text.subSequence(0, end) + "…";
    }

    /**
     * A value as an error message should quote it: {@link #shorten shortened}, in single quotes, followed by its full
     * length when it was cut, so the reader knows how much was sent without the message repeating it.
     *
     * @param value the value, may be {@code null} (gives {@code null}, unquoted)
     * @return e.g. {@code 'explode'} or {@code 'aaaa…' (5000 characters)}
     */
    public static String quote(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        CharSequence text = value instanceof CharSequence chars ? chars : String.valueOf(value);
        return text.length() <= MAX_ECHO_LENGTH ? "'" + text + "'"
                : "'" + shorten(text) + "' (" + text.length() + " characters)";
    }

    /**
     * Reads a decimal number ({@code 30}, {@code -1.5}, {@code 2e3}), refusing before any arithmetic the sizes no
     * caller can use: text longer than {@value #MAX_NUMBER_LENGTH} characters, a value of 10^20 or more in
     * magnitude, or more than {@value #MAX_FRACTION_DIGITS} digits after the decimal point once trailing zeros are
     * dropped. The work is bounded by those limits whatever the text, so a caller may then scale, multiply or print
     * the number freely. Zero comes back as {@link BigDecimal#ZERO} whatever its exponent.
     *
     * @param text the text, not {@code null}; surrounding white space is not allowed (trim it first)
     * @return the number, with trailing zeros after the decimal point dropped
     * @throws NumberFormatException when the text is not a number or is out of those limits; the message reads as
     *     the end of a sentence about the value, e.g. {@code "must be a number"} or
     *     {@code "is out of range (at most 20 digits before the decimal point)"}
     */
    public static BigDecimal decimal(String text) {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new NumberFormatException("must be a number of at most " + MAX_NUMBER_LENGTH + " characters");
        }
        BigDecimal number;
        try {
            number = asciiNumber(text) ? new BigDecimal(text) : null;
        }
        catch (NumberFormatException ex) {
            number = null;
        }
        if (number == null) {
            throw new NumberFormatException("must be a number");
        }
        if (number.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // precision and scale are read, not computed from the value: cheap for any exponent
        if ((long) number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
            throw new NumberFormatException("is out of range (at most " + MAX_INTEGER_DIGITS + " digits before the decimal point)");
        }
        // at most MAX_NUMBER_LENGTH digits to look at, so dropping trailing zeros is cheap whatever the exponent
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() > MAX_FRACTION_DIGITS) {
            throw new NumberFormatException("is out of range (at most " + MAX_FRACTION_DIGITS + " digits after the decimal point)");
        }
        return stripped;
    }

    /** Whether the text holds only what a plain number is written with (BigDecimal also takes non-ASCII digits). */
    private static boolean asciiNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }
}
