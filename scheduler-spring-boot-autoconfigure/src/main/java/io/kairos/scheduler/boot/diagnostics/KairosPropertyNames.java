package io.kairos.scheduler.boot.diagnostics;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.boot.autoconfigure.KairosProperties;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.ResolvableType;

/**
 * The property names {@link KairosProperties} binds, read from its JavaBean properties (so they cannot drift from
 * the class), with {@code *} for a map key ({@code kairos.executors.*.max-workers}), and the nearest of them to a
 * misspelled name. Immutable and thread-safe.
 */
final class KairosPropertyNames {

    /** The names, in declaration order of the JavaBean walk. */
    static final List<String> ALL = List.copyOf(collect("kairos", KairosProperties.class, new ArrayList<>()));

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

    private static List<String> collect(String prefix, Class<?> type, List<String> names) {
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
                names.add(name + ".*");
            }
            else if (isKairosBean(raw)) {
                collect(name, raw, names);
            }
            else {
                names.add(name);
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
