package io.kairos.scheduler.task;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

/**
 * Binds a job's arguments to a method's parameters, as APScheduler's {@code check_callable_args} checks them
 * and Python binds them: positional {@code args} fill the first parameters, named {@code kwargs} are matched
 * to parameter names (the build compiles with {@code -parameters}). Each value is converted to its
 * parameter's type with Jackson.
 *
 * <p>Differs from Python: Java has no default values, so every parameter is required except
 * {@link Optional} ones (omitted or {@code null} gives {@link Optional#empty()}); {@code null} is accepted
 * for reference types and rejected for primitives. Immutable and thread-safe.
 */
final class ArgumentBinder {

    private final String taskName;
    private final ObjectMapper mapper;
    private final Param[] params;
    private final boolean namesPresent;
    private final String signature;

    /**
     * One parameter.
     *
     * @param direct the class a value may have to be passed as it is (the boxed parameter class), or
     *     {@code null} when the parameter type is generic and every value goes through Jackson
     */
    private record Param(String name, Class<?> raw, Type type, boolean optional, JavaType target, @Nullable Class<?> direct) {

        /**
         * Whether the value type is {@code long}/{@code Long}, so an {@code Integer}, {@code Short} or {@code Byte}
         * widens without Jackson (to what Jackson would give).
         */
        boolean widensInts() {
            return this.direct == Long.class;
        }
    }

    ArgumentBinder(String taskName, Executable executable, ObjectMapper mapper) {
        this.taskName = taskName;
        this.mapper = mapper;
        Parameter[] parameters = executable.getParameters();
        this.params = new Param[parameters.length];
        boolean names = true;
        StringJoiner sig = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            names &= p.isNamePresent();
            Type type = p.getParameterizedType();
            boolean optional = p.getType() == Optional.class;
            Type valueType = optional ? optionalElement(type) : type;
            Class<?> direct = valueType instanceof Class<?> c ? boxed(c) : null;
            this.params[i] = new Param(p.getName(), p.getType(), valueType, optional, mapper.constructType(valueType), direct);
            sig.add(typeName(type) + " " + p.getName());
        }
        this.namesPresent = names;
        this.signature = sig.toString();
    }

    /** The parameter list, e.g. {@code (long orderId, boolean notify)}. */
    String signature() {
        return this.signature;
    }

    /**
     * Checks and converts the arguments.
     *
     * @return one value per parameter, converted
     * @throws InvalidJobArgumentsException when they do not fit
     */
    @Nullable Object[] bind(List<Object> args, Map<String, Object> kwargs) {
        int n = this.params.length;
        if (args.size() > n) {
            throw fail("got " + args.size() + " positional arguments (at most " + n + ")");
        }
        Object[] raw = new Object[n];
        boolean[] given = new boolean[n];
        for (int i = 0; i < args.size(); i++) {
            raw[i] = args.get(i);
            given[i] = true;
        }
        if (!kwargs.isEmpty() && !this.namesPresent) {
            throw fail("got named arguments " + kwargs.keySet() + " but the parameter names were not compiled"
                    + " into the class (they read arg0, arg1, ...); compile with 'javac -parameters' or give the"
                    + " arguments positionally");
        }
        // the problem lists are made only when there is a problem
        List<String> unknown = null;
        List<String> duplicates = null;
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            int index = indexOf(e.getKey());
            if (index < 0) {
                unknown = unknown != null ? unknown : new ArrayList<>();
                unknown.add(e.getKey());
            }
            else if (given[index]) {
                duplicates = duplicates != null ? duplicates : new ArrayList<>();
                duplicates.add(e.getKey());
            }
            else {
                raw[index] = e.getValue();
                given[index] = true;
            }
        }
        if (unknown != null) {
            throw fail("got unknown named argument(s) " + quoted(unknown));
        }
        if (duplicates != null) {
            throw fail("argument(s) " + quoted(duplicates) + " given both positionally and by name");
        }
        List<String> missing = null;
        for (int i = 0; i < n; i++) {
            if (!given[i] && !this.params[i].optional()) {
                missing = missing != null ? missing : new ArrayList<>();
                missing.add(this.params[i].name());
            }
        }
        if (missing != null) {
            throw fail("missing argument(s) " + quoted(missing) + " (got " + args.size() + " positional and "
                    + kwargs.size() + " named)");
        }
        @Nullable Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = convert(i, raw[i], i < args.size());
        }
        return values;
    }

    private @Nullable Object convert(int index, @Nullable Object value, boolean positional) {
        Param p = this.params[index];
        if (p.optional()) {
            return value == null ? Optional.empty() : Optional.ofNullable(convertValue(index, p, value, positional));
        }
        if (value == null) {
            if (p.raw().isPrimitive()) {
                throw fail(label(index, positional) + " is null, but a " + p.raw().getName()
                        + " cannot be null (declare it as " + boxed(p.raw()).getSimpleName() + " or Optional)");
            }
            return null;
        }
        return convertValue(index, p, value, positional);
    }

    private @Nullable Object convertValue(int index, Param p, Object value, boolean positional) {
        if (p.direct() != null && p.direct().isInstance(value)) {
            return value;
        }
        if (p.widensInts() && (value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            return Long.valueOf(((Number) value).longValue());
        }
        try {
            Object converted = this.mapper.convertValue(value, p.target());
            if (converted == null && p.raw().isPrimitive()) {
                throw fail(label(index, positional) + " = " + describe(value) + " converts to null, but a "
                        + p.raw().getName() + " cannot be null");
            }
            if (value instanceof java.math.BigDecimal decimal && !sameValue(decimal, converted)) {
                throw fail(label(index, positional) + " = " + describe(value) + " does not convert to "
                        + typeName(p.type()) + " without losing digits (it would be " + converted
                        + "); declare the parameter as BigDecimal");
            }
            return converted;
        }
        catch (JacksonException | IllegalArgumentException ex) {
            if (ex instanceof InvalidJobArgumentsException invalid) {
                throw invalid;
            }
            String detail = ex instanceof JacksonException je ? je.getOriginalMessage() : ex.getMessage();
            throw fail(label(index, positional) + " = " + describe(value) + " does not convert to "
                    + typeName(p.type()) + ": " + firstLine(detail));
        }
    }

    /** Whether a {@code Double} or {@code Float} converted from {@code decimal} has its exact value; true for other types. */
    private static boolean sameValue(java.math.BigDecimal decimal, @Nullable Object converted) {
        if (converted instanceof Double d) {
            return Double.isFinite(d) && new java.math.BigDecimal(Double.toString(d)).compareTo(decimal) == 0;
        }
        if (converted instanceof Float f) {
            return Float.isFinite(f) && new java.math.BigDecimal(Float.toString(f)).compareTo(decimal) == 0;
        }
        return true;
    }

    private int indexOf(String name) {
        for (int i = 0; i < this.params.length; i++) {
            if (this.params[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private String label(int index, boolean positional) {
        return "argument '" + this.params[index].name() + "' (" + (positional ? "position " + index : "named") + ")";
    }

    private InvalidJobArgumentsException fail(String problem) {
        return new InvalidJobArgumentsException(
                "task '" + this.taskName + "' expects " + this.signature + "; " + problem);
    }

    private static String describe(Object value) {
        String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        String type = value instanceof Map<?, ?> ? "Map" : value instanceof List<?> ? "List" : value.getClass().getSimpleName();
        return text + " (" + type + ")";
    }

    private static String quoted(List<String> names) {
        StringJoiner joiner = new StringJoiner(", ");
        names.forEach((name) -> joiner.add("'" + name + "'"));
        return joiner.toString();
    }

    private static String firstLine(@Nullable String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static Type optionalElement(Type optionalType) {
        if (optionalType instanceof ParameterizedType pt) {
            return pt.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    /** A type's name without the {@code java.lang.} and {@code java.util.} prefixes. */
    static String typeName(Type type) {
        return type.getTypeName().replaceAll("\\bjava\\.(lang|util)\\.(?=[A-Z])", "");
    }
}
