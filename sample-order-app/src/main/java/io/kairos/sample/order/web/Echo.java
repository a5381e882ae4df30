package io.kairos.sample.order.web;

import org.jspecify.annotations.Nullable;

/**
 * Request values as error messages repeat them: quoted and cut to a short prefix, so that a huge value never comes
 * back whole in a 400. Stateless.
 */
public final class Echo {

    /** Longest prefix of a value that an error message repeats. */
    static final int LIMIT = 40;

    private Echo() {
    }

    /**
     * A value for an error message.
     *
     * @param value the value, possibly {@code null}
     * @return e.g. {@code 'rm -rf'}, {@code 'aaaa…' (5000 characters)} or {@code null}
     */
    public static String quote(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        if (text.length() <= LIMIT) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, LIMIT) + "…' (" + text.length() + " characters)";
    }
}
