package io.kairos.scheduler.store.jdbc;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in the text format of PostgreSQL's {@code COPY ... FROM STDIN}, built as UTF-8 bytes in one growing array, so
 * that rows go to the driver without a {@code String} or a {@code Reader} in between; the writes that copy rows in
 * ({@link PgRunCopy}, {@link PgWrites#insertAll}) use it, after {@link #supports} says the connection can copy.
 *
 * <p>Two ways in. The {@code field}, {@code nullable}, {@code number}, {@code tab} and {@code endRow} methods write a
 * column value or a delimiter: a text value is escaped (backslash, newline, carriage return and tab with a
 * backslash), {@code NULL} is {@code \N}. As an
 * {@link OutputStream} it takes JSON text already encoded as UTF-8 (a JSON generator's output) and doubles only its
 * backslashes: JSON text never holds a raw newline, carriage return or tab (a generator escapes them inside strings),
 * and in UTF-8 the byte {@code 0x5C} is only ever a backslash (the bytes of a multi-byte character are all above
 * {@code 0x7F}).
 *
 * <p>Not thread-safe: one buffer per batch.
 */
final class PgCopyText extends OutputStream {

    private byte[] bytes;

    private int size;

    /**
     * @param capacity the initial capacity in bytes, at least 1; the buffer grows as needed
     * @throws IllegalArgumentException when the capacity is below 1
     */
    PgCopyText(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity is " + capacity + "; valid: at least 1");
        }
        this.bytes = new byte[capacity];
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
     * Ends a copy that a failure interrupted: cancels it when it is still active, a failure to cancel added to
     * {@code cause} as suppressed (the connection's transaction must be rolled back either way).
     *
     * @param in the copy
     * @param cause the failure that interrupted it
     */
    static void cancel(CopyIn in, Exception cause) {
        if (!in.isActive()) {
            return;
        }
        try {
            in.cancelCopy();
        }
        catch (SQLException ex) {
            cause.addSuppressed(ex);
        }
    }

    /**
     * Appends a text value, escaped for COPY's text format, as UTF-8.
     *
     * @param value the value, not {@code null}
     * @return this buffer
     */
    PgCopyText field(String value) {
        int length = value.length();
        ensure(length * 2);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // not ASCII: encode the rest as UTF-8 (its bytes below 0x80 are the ASCII characters, escaped alike)
                byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
                ensure(rest.length * 2);
                for (byte b : rest) {
                    escaped(b);
                }
                return this;
            }
            escaped((byte) c);
        }
        return this;
    }

    /**
     * Appends a text value as {@link #field}, or {@code \N} for {@code NULL}.
     *
     * @param value the value, or {@code null}
     * @return this buffer
     */
    PgCopyText nullable(@Nullable String value) {
        return value == null ? nullMarker() : field(value);
    }

    /**
     * Appends a whole number in decimal, or {@code \N} for {@code NULL}.
     *
     * @param value the value, or {@code null}
     * @return this buffer
     */
    PgCopyText nullable(@Nullable Long value) {
        return value == null ? nullMarker() : number(value);
    }

    /**
     * Appends a whole number in decimal.
     *
     * @param value the number
     * @return this buffer
     */
    PgCopyText number(long value) {
        return ascii(Long.toString(value));
    }

    /**
     * Appends a text known to be ASCII and free of characters COPY escapes (an enum constant's name), unescaped.
     *
     * @param value the value, not {@code null}, printable ASCII other than backslash
     * @return this buffer
     */
    PgCopyText ascii(String value) {
        int length = value.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            this.bytes[this.size++] = (byte) value.charAt(i);
        }
        return this;
    }

    /**
     * Appends the column delimiter.
     *
     * @return this buffer
     */
    PgCopyText tab() {
        ensure(1);
        this.bytes[this.size++] = '\t';
        return this;
    }

    /**
     * Ends a row.
     *
     * @return this buffer
     */
    PgCopyText endRow() {
        ensure(1);
        this.bytes[this.size++] = '\n';
        return this;
    }

    /**
     * Appends one byte of JSON text, a backslash doubled.
     *
     * @param b the byte, in its low 8 bits
     */
    @Override
    public void write(int b) {
        ensure(2);
        if ((byte) b == '\\') {
            this.bytes[this.size++] = '\\';
        }
        this.bytes[this.size++] = (byte) b;
    }

    /**
     * Appends bytes of JSON text encoded as UTF-8, each backslash doubled.
     *
     * @param b the bytes, not {@code null}
     * @param off the first byte
     * @param len how many
     * @throws IndexOutOfBoundsException when the range is not in {@code b}
     */
    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        ensure(len * 2);
        byte[] into = this.bytes;
        int at = this.size;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            if (c == '\\') {
                into[at++] = '\\';
            }
            into[at++] = c;
        }
        this.size = at;
    }

    /**
     * The buffer's array: its first {@link #size()} bytes are the rows. Valid until the next append.
     *
     * @return the array, not a copy
     */
    byte[] array() {
        return this.bytes;
    }

    /**
     * @return how many bytes the rows take
     */
    int size() {
        return this.size;
    }

    /**
     * Empties the buffer (its array is kept for the next rows).
     */
    void clear() {
        this.size = 0;
    }

    /** Appends {@code \N}, COPY's NULL. */
    private PgCopyText nullMarker() {
        ensure(2);
        this.bytes[this.size++] = '\\';
        this.bytes[this.size++] = 'N';
        return this;
    }

    /** Escapes one byte of UTF-8 text; room for two bytes is ensured by the caller. */
    private void escaped(byte b) {
        switch (b) {
            case '\\' -> {
                this.bytes[this.size++] = '\\';
                this.bytes[this.size++] = '\\';
            }
            case '\n' -> {
                this.bytes[this.size++] = '\\';
                this.bytes[this.size++] = 'n';
            }
            case '\r' -> {
                this.bytes[this.size++] = '\\';
                this.bytes[this.size++] = 'r';
            }
            case '\t' -> {
                this.bytes[this.size++] = '\\';
                this.bytes[this.size++] = 't';
            }
            default -> this.bytes[this.size++] = b;
        }
    }

    /** Makes room for {@code more} bytes. */
    private void ensure(int more) {
        if (this.bytes.length - this.size < more) {
            this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + more));
        }
    }
}
