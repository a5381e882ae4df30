package io.kairos.scheduler.store;

import java.util.AbstractList;
import java.util.RandomAccess;

import org.jspecify.annotations.Nullable;


/**
 * An {@link ImmutableArgs} list of one or two {@link Integer} or {@link Long} values held unboxed: 40 bytes with
 * compressed references, where a list of two boxed numbers is 24 bytes and a box per number (16 for an
 * {@code Integer}, 24 for a {@code Long}). {@link #get} boxes again, so it returns a value equal to the one copied,
 * of the same class, though not always the same object. Immutable and thread-safe.
 */
final class NumberArgs extends AbstractList<Object> implements RandomAccess {

    private static final byte FIRST_IS_LONG = 1;

    private static final byte SECOND_IS_LONG = 2;

    private static final byte HAS_SECOND = 4;

    private final long first;

    private final long second;

    private final byte kinds;

    private NumberArgs(long first, long second, byte kinds) {
        this.first = first;
        this.second = second;
        this.kinds = kinds;
    }

    /**
     * The list of these values when each is an {@code Integer} or a {@code Long}.
     *
     * @param values one or two values
     * @return the list, or {@code null} when a value is of another class (or {@code null})
     */
    static @Nullable NumberArgs of(Object[] values) {
        Object a = values[0];
        if (!isNumber(a)) {
            return null;
        }
        byte kinds = a instanceof Long ? FIRST_IS_LONG : 0;
        if (values.length == 1) {
            return new NumberArgs(((Number) a).longValue(), 0, kinds);
        }
        Object b = values[1];
        if (!isNumber(b)) {
            return null;
        }
        kinds |= (byte) (HAS_SECOND | (b instanceof Long ? SECOND_IS_LONG : 0));
        return new NumberArgs(((Number) a).longValue(), ((Number) b).longValue(), kinds);
    }

    private static boolean isNumber(@Nullable Object value) {
        return value instanceof Integer || value instanceof Long;
    }

    @Override
    public Object get(int index) {
        if (index == 0) {
            return box(this.first, (this.kinds & FIRST_IS_LONG) != 0);
        }
        if (index == 1 && (this.kinds & HAS_SECOND) != 0) {
            return box(this.second, (this.kinds & SECOND_IS_LONG) != 0);
        }
        throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size());
    }

    private static Object box(long value, boolean isLong) {
        return isLong ? (Object) Long.valueOf(value) : (Object) Integer.valueOf((int) value);
    }

    @Override
    public int size() {
        return (this.kinds & HAS_SECOND) != 0 ? 2 : 1;
    }
}
