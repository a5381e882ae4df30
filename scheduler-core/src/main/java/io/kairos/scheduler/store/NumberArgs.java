package io.kairos.scheduler.store;

import java.util.AbstractList;
import java.util.RandomAccess;

import org.jspecify.annotations.Nullable;


/**
 * An {@link ImmutableArgs} list of one or two {@link Integer} or {@link Long} values held unboxed: 32 bytes with
 * compressed references (two {@code long}s; the classes of the values are the subclass's), instead of 24 bytes for a
 * list of two boxed numbers plus a box per number (16 for an {@code Integer}, 24 for a {@code Long}). {@link #get} boxes
 * again, so it returns a value equal to the one copied, of the same class, though not always the same object.
 * Immutable and thread-safe.
 */
abstract class NumberArgs extends AbstractList<Object> implements RandomAccess {

    private static final int FIRST_IS_LONG = 1;

    private static final int SECOND_IS_LONG = 2;

    private static final int HAS_SECOND = 4;

    private final long first;

    private final long second;

    private NumberArgs(long first, long second) {
        this.first = first;
        this.second = second;
    }

    /**
     * The list of these values when it saves memory: two values that are each an {@code Integer} or a {@code Long},
     * or one {@code Long}.
     *
     * @param values one or two values
     * @return the list, or {@code null} when a value is of another class (or {@code null}), or is one {@code Integer}
     */
    static @Nullable NumberArgs of(Object[] values) {
        Object a = values[0];
        if (values.length == 1) {
            return a instanceof Long one ? new OneLong(one) : null;
        }
        Object b = values[1];
        if (!(a instanceof Integer || a instanceof Long) || !(b instanceof Integer || b instanceof Long)) {
            return null;
        }
        long x = ((Number) a).longValue();
        long y = ((Number) b).longValue();
        if (a instanceof Integer) {
            return b instanceof Integer ? new IntInt(x, y) : new IntLong(x, y);
        }
        return b instanceof Integer ? new LongInt(x, y) : new LongLong(x, y);
    }

    /** Which values are {@code Long}s and whether there is a second: {@link #FIRST_IS_LONG} and the others. */
    abstract int kinds();

    @Override
    public Object get(int index) {
        int kinds = kinds();
        if (index == 0) {
            return box(this.first, (kinds & FIRST_IS_LONG) != 0);
        }
        if (index == 1 && (kinds & HAS_SECOND) != 0) {
            return box(this.second, (kinds & SECOND_IS_LONG) != 0);
        }
        throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size());
    }

    private static Object box(long value, boolean isLong) {
        return isLong ? (Object) Long.valueOf(value) : (Object) Integer.valueOf((int) value);
    }

    @Override
    public int size() {
        return (kinds() & HAS_SECOND) != 0 ? 2 : 1;
    }

    private static final class OneLong extends NumberArgs {

        OneLong(long value) {
            super(value, 0);
        }

        @Override
        int kinds() {
            return FIRST_IS_LONG;
        }
    }

    private static final class IntInt extends NumberArgs {

        IntInt(long first, long second) {
            super(first, second);
        }

        @Override
        int kinds() {
            return HAS_SECOND;
        }
    }

    private static final class IntLong extends NumberArgs {

        IntLong(long first, long second) {
            super(first, second);
        }

        @Override
        int kinds() {
            return HAS_SECOND | SECOND_IS_LONG;
        }
    }

    private static final class LongInt extends NumberArgs {

        LongInt(long first, long second) {
            super(first, second);
        }

        @Override
        int kinds() {
            return HAS_SECOND | FIRST_IS_LONG;
        }
    }

    private static final class LongLong extends NumberArgs {

        LongLong(long first, long second) {
            super(first, second);
        }

        @Override
        int kinds() {
            return HAS_SECOND | FIRST_IS_LONG | SECOND_IS_LONG;
        }
    }
}
