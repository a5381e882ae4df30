package io.kairos.scheduler.boot.diagnostics;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.kairos.scheduler.boot.autoconfigure.KairosProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.ResolvableType;

/**
 * The property names {@link KairosProperties} binds, read from its JavaBean properties (so they cannot drift from
 * the class), with {@code *} for a map key ({@code kairos.executors.*.max-workers}), and the nearest of them to a
 * misspelled name. Immutable and thread-safe.
 */
final class KairosPropertyNames {

    /** The names and their value types, in declaration order of the JavaBean walk. */
    private static final Map<String, ResolvableType> TYPES = Collections.unmodifiableMap(
            collect("kairos", KairosProperties.class, new LinkedHashMap<>()));

    /** The names, in declaration order of the JavaBean walk. */
    static final List<String> ALL = List.copyOf(TYPES.keySet());

    private KairosPropertyNames() {
    }

    /**
     * The valid name nearest to an unknown one, with the unknown name's own map keys in place of {@code *}. A
     * name whose last part is valid elsewhere ({@code table-name} under an executor) gets that place; otherwise the
     * name at the smallest edit distance.
     *
     * @param unknown a dashed name under {@code kairos.}, e.g. {@code kairos.job-defaults.max-instance}
     * @return e.g. {@code kairos.job-defaults.max-instances}
     */
    static String nearest(String unknown) {
        String[] parts = unknown.split("\\.");
        List<String> candidates = ALL.stream().map((name) -> fill(name, parts)).toList();
        String leaf = parts[parts.length - 1];
        return candidates.stream()
            .min(Comparator.comparingInt((String name) -> name.endsWith("." + leaf) ? 0 : 1)
                .thenComparingInt((name) -> distance(name, unknown)))
            .orElseThrow();
    }

    /**
     * Whether a dashed name is a property Kairos binds, {@code *} matching any map key (a last {@code *} any rest).
     *
     * @param name a dashed name, e.g. {@code kairos.jobstores.default.initialize-schema}
     * @return whether it is valid
     */
    static boolean isKnown(String name) {
        return typeOf(name) != null;
    }

    /**
     * What a valid value of a known property looks like, for a report on an empty one.
     *
     * @param name a dashed name that {@link #isKnown} accepts
     * @return e.g. {@code a duration such as 30s, 500ms or 5m}
     */
    static String validValues(String name) {
        ResolvableType type = typeOf(name);
        if (type == null) {
            return "a value";
        }
        Class<?> raw = Map.class.isAssignableFrom(type.toClass()) ? type.getGeneric(1).toClass() : type.toClass();
        if (raw == Duration.class) {
            return "a duration such as 30s, 500ms or 5m";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return "a whole number";
        }
        if (raw == Double.class || raw == double.class) {
            return "a number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (raw.isEnum()) {
            return "one of " + Arrays.stream(raw.getEnumConstants())
                .map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        }
        if (raw == ZoneId.class) {
            return "a time zone id such as UTC or Europe/Paris";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "a list of values";
        }
        return "a value";
    }

    private static @Nullable ResolvableType typeOf(String name) {
        String[] parts = name.split("\\.");
        for (Map.Entry<String, ResolvableType> entry : TYPES.entrySet()) {
            if (matches(entry.getKey().split("\\."), parts)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static boolean matches(String[] pattern, String[] parts) {
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("*") && i == pattern.length - 1) {
                return parts.length > i;
            }
            if (i >= parts.length || !(pattern[i].equals("*") || pattern[i].equals(parts[i]))) {
                return false;
            }
        }
        return parts.length == pattern.length;
    }

    /** {@code name} with each {@code *} replaced by the unknown name's part at the same place, when it has one. */
    private static String fill(String name, String[] unknownParts) {
        String[] parts = name.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("*") && i < unknownParts.length) {
                parts[i] = unknownParts[i];
            }
        }
        return String.join(".", parts);
    }

    private static Map<String, ResolvableType> collect(String prefix, Class<?> type, Map<String, ResolvableType> names) {
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getReadMethod() == null || property.getName().equals("class")) {
                continue;
            }
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(property.getName());
            ResolvableType propertyType = ResolvableType.forMethodReturnType(property.getReadMethod());
            Class<?> raw = propertyType.toClass();
            if (Map.class.isAssignableFrom(raw) && isKairosBean(propertyType.getGeneric(1).toClass())) {
                collect(name + ".*", propertyType.getGeneric(1).toClass(), names);
            }
            else if (Map.class.isAssignableFrom(raw)) {
                names.put(name + ".*", propertyType);
            }
            else if (isKairosBean(raw)) {
                collect(name, raw, names);
            }
            else {
                names.put(name, propertyType);
            }
        }
        return names;
    }

    private static boolean isKairosBean(Class<?> type) {
        return type.getEnclosingClass() == KairosProperties.class && !type.isEnum() && !Collection.class.isAssignableFrom(type);
    }

    /** Levenshtein distance (insertions, deletions and substitutions of one character each cost 1). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
