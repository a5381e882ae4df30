package io.kairos.scheduler;

import io.kairos.scheduler.store.ImmutableArgs;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;


/**
 * What {@link JobRequest} and {@link JobChanges} both hold: name, positional and named arguments, trigger, options
 * and next run time, with the copies their setters make. Arguments are kept as {@link ImmutableArgs} copies and a
 * trigger spec as an unmodifiable copy, so the getters hand them out without copying and nobody can change them
 * through a getter; named arguments added one by one ({@link #kwarg}) go to a map of this holder's own, handed out
 * as an unmodifiable view. {@code null} means "not set". Mutable, not thread-safe, as its owners.
 */
final class JobFields {

    private @Nullable String name;

    private @Nullable List<Object> args;

    private @Nullable Map<String, Object> kwargs;

    /** The map {@link #kwarg} adds to; {@link #kwargs} is then an unmodifiable view of it. */
    private @Nullable Map<String, Object> ownKwargs;

    private @Nullable Object trigger;

    private JobOptions options = JobOptions.none();

    private boolean nextRunTimeSet;

    private @Nullable Instant nextRunTime;

    void name(String name) {
        this.name = name;
    }

    @Nullable String name() {
        return this.name;
    }

    /** Keeps an immutable copy; {@code null} elements are allowed, a {@code null} list is not. */
    void args(List<?> args) {
        this.args = ImmutableArgs.copyOf(args);
    }

    /** The arguments, immutable, or {@code null} when not set. */
    @Nullable List<Object> args() {
        return this.args;
    }

    /** Keeps an immutable copy, replacing earlier named arguments; {@code null} values are allowed. */
    void kwargs(Map<String, ?> kwargs) {
        this.kwargs = ImmutableArgs.copyOf(kwargs);
        this.ownKwargs = null;
    }

    /** Adds or replaces one named argument, keeping the others. */
    void kwarg(String name, @Nullable Object value) {
        Map<String, Object> own = this.ownKwargs;
        if (own == null) {
            Map<String, Object> given = this.kwargs;
            own = given == null ? new LinkedHashMap<>() : new LinkedHashMap<>(given);
            this.ownKwargs = own;
            this.kwargs = Collections.unmodifiableMap(own);
        }
        own.put(name, value);
    }

    /** The named arguments in insertion order, unmodifiable, or {@code null} when not set. */
    @Nullable Map<String, Object> kwargs() {
        return this.kwargs;
    }

    void trigger(Trigger trigger) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    /** Keeps an unmodifiable copy of the spec. */
    void trigger(Map<String, ?> spec) {
        this.trigger = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(spec, "spec")));
    }

    /** A {@link Trigger}, an unmodifiable trigger spec, or {@code null} when not set. */
    @Nullable Object trigger() {
        return this.trigger;
    }

    /** Replaces the options with {@code change} applied to them. */
    void options(UnaryOperator<JobOptions> change) {
        this.options = change.apply(this.options);
    }

    JobOptions options() {
        return this.options;
    }

    void nextRunTime(@Nullable Instant nextRunTime) {
        this.nextRunTimeSet = true;
        this.nextRunTime = nextRunTime;
    }

    boolean isNextRunTimeSet() {
        return this.nextRunTimeSet;
    }

    @Nullable Instant nextRunTime() {
        return this.nextRunTime;
    }
}
