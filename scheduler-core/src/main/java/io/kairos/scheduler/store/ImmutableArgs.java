package io.kairos.scheduler.store;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

import org.jspecify.annotations.Nullable;


/**
 * Immutable, compact copies of job arguments, as {@link StoredJob} holds them. A copy is made once: copying a
 * copy returns it unchanged, so the many {@code StoredJob} values one job goes through (added, versioned,
 * rescheduled) share one argument list and one argument map.
 *
 * <p>Unlike {@link List#copyOf} and {@link Map#copyOf}, these copies hold {@code null} values (JSON
 * {@code null} is a legal argument) and answer {@code contains(null)} and {@code get(null)} instead of
 * throwing. A map copy keeps the iteration order of its source (the order export JSON writes). The copies are
 * shallow: nested lists and maps are shared, not copied. Every mutator throws
 * {@link UnsupportedOperationException}. Copies are immutable and thread-safe; equality and hash codes follow
 * the {@link List} and {@link Map} contracts, so a copy equals any list or map with the same contents.
 *
 * <p>Size (compressed references): a list of one or two arguments is one 24-byte object, or one 32-byte object
 * without boxes for two {@code Integer} or {@code Long} values or one {@code Long} ({@code get} boxes again: equal
 * values of the same class, not always the same objects); an empty list or map is a shared instance; a longer list or a
 * non-empty map is one 24-byte object and one array.
 */
public final class ImmutableArgs {

    private static final Object[] NO_VALUES = {};

    private static final List<Object> EMPTY_LIST = new ArrayArgs(NO_VALUES);

    private static final Map<String, Object> EMPTY_MAP = new ArgMap(NO_VALUES);

    private ImmutableArgs() {
    }

    /**
     * The empty argument list.
     *
     * @return a shared, immutable empty list
     */
    public static List<Object> emptyList() {
        return EMPTY_LIST;
    }

    /**
     * The empty argument map.
     *
     * @return a shared, immutable empty map
     */
    public static Map<String, Object> emptyMap() {
        return EMPTY_MAP;
    }

    /**
     * An immutable list of the given values.
     *
     * @param values the values, {@code null} elements allowed; the array is copied, not kept
     * @return the list
     * @throws NullPointerException when {@code values} is {@code null}
     */
    public static List<Object> of(Object... values) {
        return values.length <= 2 ? wrap(values) : wrap(values.clone());
    }

    /**
     * An immutable copy of a list, or the list itself when it already is one of these copies.
     *
     * @param args the list, {@code null} elements allowed
     * @return the copy
     * @throws NullPointerException when {@code args} is {@code null}
     */
    public static List<Object> copyOf(List<?> args) {
        Objects.requireNonNull(args, "args");
        if (args instanceof SmallArgs || args instanceof ArrayArgs || args instanceof NumberArgs) {
            @SuppressWarnings("unchecked")
            List<Object> same = (List<Object>) args;
            return same;
        }
        // List.toArray returns an array the list keeps no reference to
        return wrap(args.toArray());
    }

    private static List<Object> wrap(Object[] owned) {
        if (owned.length == 1 || owned.length == 2) {
            List<Object> numbers = NumberArgs.of(owned);
            if (numbers != null) {
                return numbers;
            }
        }
        return switch (owned.length) {
            case 0 -> EMPTY_LIST;
            case 1 -> new SmallArgs(owned[0]);
            case 2 -> new SmallArgs(owned[0], owned[1]);
            default -> new ArrayArgs(owned);
        };
    }

    /**
     * An immutable copy of a map, in its iteration order, or the map itself when it already is one of these
     * copies.
     *
     * @param kwargs the map, {@code null} values allowed
     * @return the copy
     * @throws NullPointerException when {@code kwargs} is {@code null}
     */
    public static Map<String, Object> copyOf(Map<String, ?> kwargs) {
        Objects.requireNonNull(kwargs, "kwargs");
        if (kwargs instanceof ArgMap) {
            @SuppressWarnings("unchecked")
            Map<String, Object> same = (Map<String, Object>) kwargs;
            return same;
        }
        if (kwargs.isEmpty()) {
            return EMPTY_MAP;
        }
        Object[] keysAndValues = new Object[kwargs.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> e : kwargs.entrySet()) {
            if (i == keysAndValues.length) {
                throw new IllegalArgumentException("kwargs changed while being copied");
            }
            keysAndValues[i++] = e.getKey();
            keysAndValues[i++] = e.getValue();
        }
        if (i != keysAndValues.length) {
            throw new IllegalArgumentException("kwargs changed while being copied");
        }
        return new ArgMap(keysAndValues);
    }

    /**
     * A list of one or two values: 24 bytes with compressed references (the header, {@code modCount} and two
     * references; a one-value list holds {@link #ABSENT} as its second value).
     */
    private static final class SmallArgs extends AbstractList<Object> implements RandomAccess {

        private static final Object ABSENT = new Object();

        private final Object first;

        private final Object second;

        SmallArgs(Object first) {
            this.first = first;
            this.second = ABSENT;
        }

        SmallArgs(Object first, Object second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public Object get(int index) {
            if (index == 0) {
                return this.first;
            }
            if (index == 1 && this.second != ABSENT) {
                return this.second;
            }
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size());
        }

        @Override
        public int size() {
            return this.second == ABSENT ? 1 : 2;
        }
    }

    /** A list backed by an array nobody else holds. */
    private static final class ArrayArgs extends AbstractList<Object> implements RandomAccess {

        private final Object[] values;

        ArrayArgs(Object[] values) {
            this.values = values;
        }

        @Override
        public Object get(int index) {
            Objects.checkIndex(index, this.values.length);
            return this.values[index];
        }

        @Override
        public int size() {
            return this.values.length;
        }

        @Override
        public Object[] toArray() {
            return this.values.clone();
        }
    }

    /** An insertion-ordered map backed by an array of alternating keys and values; lookups scan it. */
    private static final class ArgMap extends AbstractMap<String, Object> {

        private final Object[] keysAndValues;

        ArgMap(Object[] keysAndValues) {
            this.keysAndValues = keysAndValues;
        }

        @Override
        public int size() {
            return this.keysAndValues.length / 2;
        }

        @Override
        public boolean isEmpty() {
            return this.keysAndValues.length == 0;
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public @Nullable Object get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : this.keysAndValues[i + 1];
        }

        private int indexOf(Object key) {
            for (int i = 0; i < this.keysAndValues.length; i += 2) {
                if (Objects.equals(this.keysAndValues[i], key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {

                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Iterator<>() {

                        private int next;

                        @Override
                        public boolean hasNext() {
                            return this.next < ArgMap.this.keysAndValues.length;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            Object[] kv = ArgMap.this.keysAndValues;
                            Map.Entry<String, Object> entry = new AbstractMap.SimpleImmutableEntry<>((String) kv[this.next],
                                    kv[this.next + 1]);
                            this.next += 2;
                            return entry;
                        }
                    };
                }

                @Override
                public int size() {
                    return ArgMap.this.size();
                }
            };
        }
    }
}
