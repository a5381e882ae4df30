package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} text format, for the writes that copy rows in ({@link PgRunCopy},
 * {@link PgWrites#insertAll}): one line per row, columns separated by tabs, {@code \N} for {@code NULL}. Stateless.
 */
final class PgCopyText {

    private PgCopyText() {
    }

    /**
     * Whether a connection can copy (it is, or wraps, a PgJDBC connection).
     *
     * @param connection an open connection
     * @return {@code true} when the PgJDBC copy API can be reached from it
     * @throws SQLException when the connection is closed
     */
    static boolean supports(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /**
     * Appends a value: backslash, newline, carriage return and tab escaped with a backslash.
     *
     * @param into the row being built
     * @param value the value, not {@code null}
     * @return {@code into}
     */
    static StringBuilder field(StringBuilder into, String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (escaped(value.charAt(i))) {
                // the text up to the first character to escape in one append, the rest character by character
                into.append(value, 0, i);
                for (int k = i; k < n; k++) {
                    char c = value.charAt(k);
                    switch (c) {
                        case '\\' -> into.append("\\\\");
                        case '\n' -> into.append("\\n");
                        case '\r' -> into.append("\\r");
                        case '\t' -> into.append("\\t");
                        default -> into.append(c);
                    }
                }
                return into;
            }
        }
        return into.append(value);
    }

    private static boolean escaped(char c) {
        return c == '\\' || c == '\n' || c == '\r' || c == '\t';
    }

    /**
     * Appends a value that may be {@code NULL}.
     *
     * @param into the row being built
     * @param value the value, or {@code null} for {@code \N}
     * @return {@code into}
     */
    static StringBuilder nullable(StringBuilder into, @Nullable String value) {
        return value == null ? into.append("\\N") : field(into, value);
    }

    /**
     * Appends a number that may be {@code NULL}.
     *
     * @param into the row being built
     * @param value the value, or {@code null} for {@code \N}
     * @return {@code into}
     */
    static StringBuilder nullable(StringBuilder into, @Nullable Long value) {
        return value == null ? into.append("\\N") : into.append(value.longValue());
    }
}
