package io.kairos.scheduler.task;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The packages whose classes a task name may reach by reflection: the trust boundary between a job store and the
 * code it can make run. A job store is untrusted input (whoever can write it can rewrite a job's task name), so a
 * name read from a store resolves to a static method ({@code com.acme.Jobs::purge}), a no-arg class
 * ({@code com.acme.PurgeJob}) or, with the Spring starter, an unannotated bean method only when the class lies in
 * one of these packages or below them. Registered names, {@link TaskProvider} tasks and
 * {@code @ScheduledJob}/{@code @KairosTask} bean methods need no package: their owner named them.
 *
 * <p>A package allows the classes directly in it and in every package below it: {@code com.acme} allows
 * {@code com.acme.Jobs} and {@code com.acme.billing.Invoices$Purge}, not {@code com.acmecorp.Jobs}. Classes of
 * the default (unnamed) package are never allowed. Without configuration the core allows no package
 * ({@link #NONE}); the Spring starter allows the application's own packages.
 *
 * <p>Immutable and thread-safe.
 */
public final class AllowedPackages {

    /** No package: only registered names, provider tasks and tasks a {@link TaskResolver} vouches for resolve. */
    public static final AllowedPackages NONE = new AllowedPackages(List.of());

    /** The most characters of a rejected value that an error message repeats. */
    private static final int SHOWN = 100;

    private final List<String> packages;

    private AllowedPackages(List<String> packages) {
        this.packages = packages;
    }

    /**
     * The given packages.
     *
     * @param packages package names such as {@code com.acme}, not {@code null}; surrounding whitespace is ignored
     * @return the allowed packages, in name order without duplicates
     * @throws IllegalArgumentException when a name is blank or not a Java package name (e.g. {@code com.*}, a
     *     trailing dot), naming it (cut to 100 characters)
     */
    public static AllowedPackages of(Collection<String> packages) {
        Objects.requireNonNull(packages, "packages");
        TreeSet<String> names = new TreeSet<>();
        for (String name : packages) {
            String trimmed = name == null ? "" : name.trim();
            if (!TaskReferences.isQualifiedName(trimmed)) {
                throw new IllegalArgumentException("allowed task package '" + shown(trimmed) + "' is not a Java package"
                        + " name; give names such as 'com.acme' (a package allows its sub-packages too; no wildcards)");
            }
            names.add(trimmed);
        }
        return names.isEmpty() ? NONE : new AllowedPackages(List.copyOf(names));
    }

    /**
     * These packages and the given ones.
     *
     * @param more package names, as for {@link #of}
     * @return the union
     * @throws IllegalArgumentException as {@link #of}
     */
    public AllowedPackages and(Collection<String> more) {
        AllowedPackages added = of(more);
        if (added.packages.isEmpty()) {
            return this;
        }
        TreeSet<String> union = new TreeSet<>(this.packages);
        union.addAll(added.packages);
        return new AllowedPackages(List.copyOf(union));
    }

    /**
     * Whether a class lies in one of the packages or below one.
     *
     * @param className the class's binary name, e.g. {@code com.acme.Jobs$Inner}
     * @return {@code true} when allowed
     */
    public boolean allows(String className) {
        for (String allowed : this.packages) {
            if (className.length() > allowed.length() && className.startsWith(allowed)
                    && className.charAt(allowed.length()) == '.') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a class lies in one of the packages or below one.
     *
     * @param type the class
     * @return {@code true} when allowed
     */
    public boolean allows(Class<?> type) {
        return allows(type.getName());
    }

    /**
     * The package names.
     *
     * @return an immutable list in name order; empty for {@link #NONE}
     */
    public List<String> packages() {
        return this.packages;
    }

    /**
     * Whether no package is allowed.
     *
     * @return {@code true} for {@link #NONE}
     */
    public boolean isEmpty() {
        return this.packages.isEmpty();
    }

    /**
     * A value for error messages, cut to a short prefix.
     *
     * @param value the value, e.g. a task name read from a store
     * @return the value, or its first 100 characters followed by {@code ...}
     */
    static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "...";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllowedPackages that && this.packages.equals(that.packages);
    }

    @Override
    public int hashCode() {
        return this.packages.hashCode();
    }

    /**
     * The packages as a list, e.g. {@code [com.acme, io.kairos.sample]}.
     */
    @Override
    public String toString() {
        return this.packages.toString();
    }
}
