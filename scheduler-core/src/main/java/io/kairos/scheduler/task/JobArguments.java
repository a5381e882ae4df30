package io.kairos.scheduler.task;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Checks that job arguments can be stored as JSON, so a job behaves the same in the memory store as in a
 * persistent one. The scheduler calls {@link #requireJsonCompatible} for every job when it is added.
 *
 * <p>JSON-compatible values are: {@code null}, {@link String}, {@link Boolean}, the standard numbers
 * ({@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link Double}, {@link Float},
 * {@link BigInteger}, {@link BigDecimal}; finite only), {@link List}s of such values and {@link Map}s with
 * {@link String} keys and such values. Strings and map keys must not contain U+0000 (NUL), which PostgreSQL
 * cannot store in JSON text. Anything else (an entity, a {@code LocalDate}, a {@code Thread}) is
 * refused, even though Jackson could write some of it, because a persistent store would hand the task back a
 * {@code String} or {@code Map} instead: pass an id or {@code date.toString()}, and declare the parameter as
 * the rich type; the {@link MethodTask} converts it. APScheduler 3.x pickles arguments instead and so accepts
 * any picklable object.
 */
public final class JobArguments {

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Integer.class, Long.class,
            Short.class, Byte.class, Double.class, Float.class, BigInteger.class, BigDecimal.class);

    private static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .withCoercionConfig(LogicalType.Boolean, (c) -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .withCoercionConfigDefaults((c) -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    private JobArguments() {
    }

    /**
     * The mapper that converts argument values to parameter types unless another is given to
     * {@link TaskRegistry#TaskRegistry(ClassLoader, tools.jackson.databind.ObjectMapper)}: Jackson's defaults,
     * except that lossy or surprising coercions fail instead of guessing: any floating-point number for an
     * integer parameter ({@code 1.5}, and also {@code 2.0}, for a {@code long}), a number for a
     * {@code boolean}, an empty string for a number, enum or object, {@code null} inside a primitive array.
     * Strings that spell a number or boolean ({@code "42"}, {@code "true"}) still convert.
     *
     * @return the shared mapper; immutable and thread-safe
     */
    public static JsonMapper defaultMapper() {
        return DEFAULT_MAPPER;
    }

    /**
     * Checks that every argument, nested ones included, is JSON-compatible.
     *
     * @param args positional arguments, not {@code null} (use an empty list)
     * @param kwargs named arguments, not {@code null} (use an empty map); keys not {@code null}
     * @throws InvalidJobArgumentsException naming the first offending argument by its path (e.g.
     *     {@code args[1]}, {@code kwargs['order']['lines'][0]}) and its type, or when {@code args} or
     *     {@code kwargs} is {@code null}, or when a list or map contains itself, or when a string, map key or
     *     named-argument name contains U+0000 (NUL)
     */
    public static void requireJsonCompatible(List<?> args, Map<String, ?> kwargs) {
        if (args == null) {
            throw new InvalidJobArgumentsException("job args is null; pass an empty list for no positional arguments");
        }
        if (kwargs == null) {
            throw new InvalidJobArgumentsException("job kwargs is null; pass an empty map for no named arguments");
        }
        // the common case (scalars at the top level) allocates nothing: paths and the cycle guard are made only
        // for nested lists and maps
        Set<Object> path = null;
        for (int i = 0; i < args.size(); i++) {
            Object value = args.get(i);
            if (!isFiniteScalarOrNull(value)) {
                path = path != null ? path : Collections.newSetFromMap(new IdentityHashMap<>());
                check(value, "args[" + i + "]", path);
            }
        }
        for (Map.Entry<String, ?> e : kwargs.entrySet()) {
            if (e.getKey() == null) {
                throw new InvalidJobArgumentsException("job kwargs has a null key; named arguments need a name");
            }
            if (e.getKey().indexOf('\u0000') >= 0) {
                throw new InvalidJobArgumentsException("job argument kwargs['" + escapeNul(e.getKey()) + "'] has a name"
                        + " containing the character U+0000 (NUL), which PostgreSQL cannot store in JSON text; remove it");
            }
            Object value = e.getValue();
            if (!isFiniteScalarOrNull(value)) {
                path = path != null ? path : Collections.newSetFromMap(new IdentityHashMap<>());
                check(value, "kwargs['" + e.getKey() + "']", path);
            }
        }
    }

    /** Whether a value needs no further check: {@code null}, or a scalar that is not NaN or infinite. */
    private static boolean isFiniteScalarOrNull(Object value) {
        if (value == null) {
            return true;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            return ((String) value).indexOf('\u0000') < 0;
        }
        if (type == Integer.class || type == Long.class || type == Boolean.class) {
            return true;
        }
        if (type == Double.class) {
            return Double.isFinite((Double) value);
        }
        if (type == Float.class) {
            return Float.isFinite((Float) value);
        }
        return SCALARS.contains(type);
    }

    private static void check(Object value, String where, Set<Object> path) {
        if (isFiniteScalarOrNull(value)) {
            return;
        }
        if (value instanceof String) {
            throw new InvalidJobArgumentsException("job argument " + where + " contains the character U+0000 (NUL),"
                    + " which PostgreSQL cannot store in JSON text; remove it or encode the value (e.g. Base64)");
        }
        if (SCALARS.contains(value.getClass())) {
            // a scalar that is not finite: NaN or an infinity
            throw new InvalidJobArgumentsException("job argument " + where + " is " + value
                    + ", which JSON cannot represent; pass a finite number, null or a String");
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            if (!path.add(value)) {
                throw new InvalidJobArgumentsException("job argument " + where + " contains itself; JSON cannot"
                        + " represent a cycle");
            }
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    check(list.get(i), where + "[" + i + "]", path);
                }
            }
            else {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new InvalidJobArgumentsException("job argument " + where + " is a map with a key of"
                                + " type " + typeOf(e.getKey()) + " (" + e.getKey() + "); JSON objects need String keys");
                    }
                    if (key.indexOf('\u0000') >= 0) {
                        throw new InvalidJobArgumentsException("job argument " + where + "['" + escapeNul(key) + "'] has"
                                + " a key containing the character U+0000 (NUL), which PostgreSQL cannot store in JSON"
                                + " text; remove it");
                    }
                    check(e.getValue(), where + "['" + key + "']", path);
                }
            }
            path.remove(value);
            return;
        }
        throw new InvalidJobArgumentsException("job argument " + where + " is a " + value.getClass().getName()
                + ", which cannot be stored as JSON; job arguments must be String, Number (Integer, Long, Double,"
                + " BigDecimal, ...), Boolean, null, List or Map with String keys. Pass an id or a String (e.g."
                + " date.toString()) and let the task's parameter type convert it");
    }

    /** {@code text} with each U+0000 written as {@code \u0000}, for messages. */
    private static String escapeNul(String text) {
        return text.replace("\u0000", "\\u0000");
    }

    private static String typeOf(Object key) {
        return key == null ? "null" : key.getClass().getName();
    }
}
