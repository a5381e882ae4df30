package io.kairos.scheduler;

import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ImmutableArgs;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;


/**
 * What to add: the Java form of APScheduler 3's {@code add_job(func, trigger, args, kwargs, id, ...)} keyword
 * arguments. A mutable builder, not thread-safe; {@link Scheduler#addJob(JobRequest)} copies it.
 *
 * <pre>{@code
 * scheduler.addJob(JobRequest.of("orderService.cancel")
 *         .trigger(Map.of("type", "date", "run_date", "2030-01-01T10:00:00Z"))
 *         .args(42)
 *         .id("order-timeout-42"));
 * }</pre>
 *
 * <p>Options left unset take the scheduler's {@link JobDefaults}; see the table in the README.
 */
public final class JobRequest {

    /**
     * The longest job name taken, in characters. A name is a label shown in lists, logs and the dashboard, and no
     * store indexes it (the JDBC stores keep it inside {@code job_data}); the bound keeps a mistaken value (a whole
     * document passed as the name) out of every page that lists the job.
     */
    public static final int MAX_NAME_LENGTH = 200;

    private final String taskName;

    private final @Nullable Task task;

    private @Nullable String id;

    /** Name, arguments, trigger, options and next run time; arguments and trigger spec immutable copies. */
    private final Fields fields = new Fields();

    private ConflictPolicy conflictPolicy = ConflictPolicy.ERROR;

    private JobRequest(String taskName, @Nullable Task task) {
        this.taskName = taskName;
        this.task = task;
    }

    /**
     * A request for a task resolved by name ({@code orderService.cancel}, {@code com.acme.Jobs::purge}, or a name
     * a lambda was registered under). The name is resolved when the job is added.
     *
     * @param taskName the task name, not blank
     * @return the request
     * @throws IllegalArgumentException when the name is blank
     */
    public static JobRequest of(String taskName) {
        if (taskName == null || taskName.isBlank()) {
            throw new IllegalArgumentException("task name must be a non-blank string, got '" + taskName + "'");
        }
        return new JobRequest(taskName, null);
    }

    /**
     * A request for a task object. A task without a {@linkplain Task#hasStableName() stable name} (an unnamed
     * lambda) can only go to a store that is not shared (the memory store).
     *
     * @param task the task
     * @return the request
     */
    public static JobRequest of(Task task) {
        return new JobRequest(Objects.requireNonNull(task, "task").name(), task);
    }

    /**
     * The job id; unique within the job store. The default is 24 lowercase base32 characters ({@code 0}–{@code 9},
     * {@code a}–{@code v}; e.g. {@code 4k1f0q8d2m3r7t0a9b5c6e1g}), unique among the ids of every JVM sharing a store,
     * made from a per-JVM random prefix (drawn once from {@code SecureRandom}) and a scrambled per-JVM counter, so
     * adding a job costs no {@code SecureRandom} call; unlike {@link java.util.UUID#randomUUID()}, such an id is
     * not a secret.
     *
     * <p>An id is 1 to 191 characters, not blank, not {@code .} or {@code ..}, without {@code /}, {@code \} or ISO
     * control characters (U+0000 to U+001F, U+007F to U+009F): it is a path segment of the actuator and dashboard
     * URLs, where Tomcat refuses an encoded slash or backslash and clients resolve dot segments away. The scheduler
     * checks it when the job is added ({@code addJob}, {@code addJobs}, {@code importJobs}), with an
     * {@link IllegalArgumentException} naming {@code id}, the value and this rule; jobs already stored with other ids
     * still load.
     *
     * @param id a non-blank id of at most 191 characters, not {@code .} or {@code ..}, without {@code /}, {@code \} or
     *     control characters
     * @return this request
     */
    public JobRequest id(String id) {
        this.id = id;
        return this;
    }

    /**
     * A human-readable name; default the task name. The scheduler checks it when the job is added: not blank and at
     * most {@value #MAX_NAME_LENGTH} characters, else an {@link IllegalArgumentException} naming {@code name}, its
     * length and the limit.
     *
     * @param name the name, not blank, at most {@value #MAX_NAME_LENGTH} characters
     * @return this request
     */
    public JobRequest name(String name) {
        this.fields.name(name);
        return this;
    }

    /**
     * Positional arguments: JSON values (String, Number, Boolean, null, List, Map).
     *
     * @param args the arguments
     * @return this request
     */
    public JobRequest args(Object... args) {
        this.fields.args(ImmutableArgs.of(args));
        return this;
    }

    /**
     * Positional arguments as a list.
     *
     * @param args the arguments, JSON values (elements may be {@code null}); copied
     * @return this request
     * @throws NullPointerException when {@code args} is {@code null}
     */
    public JobRequest args(List<?> args) {
        this.fields.args(args);
        return this;
    }

    /**
     * Named arguments (matched to the task's parameter names), replacing earlier ones.
     *
     * @param kwargs the arguments, JSON values (values may be {@code null}; a {@code null} name is refused when the
     *     job is added); copied
     * @return this request
     * @throws NullPointerException when {@code kwargs} is {@code null}
     */
    public JobRequest kwargs(Map<String, ?> kwargs) {
        this.fields.kwargs(kwargs);
        return this;
    }

    /**
     * Adds one named argument, or replaces the one of that name, keeping the others.
     *
     * @param name the parameter name
     * @param value a JSON value
     * @return this request
     */
    public JobRequest kwarg(String name, @Nullable Object value) {
        this.fields.kwarg(name, value);
        return this;
    }

    /**
     * The trigger; none means {@code date} now (run once, at once), as APScheduler.
     *
     * @param trigger the trigger
     * @return this request
     */
    public JobRequest trigger(Trigger trigger) {
        this.fields.trigger(trigger);
        return this;
    }

    /**
     * The trigger as a trigger spec ({@code {"type":"interval","minutes":30}}); read with the scheduler's time
     * zone as default when the job is added, at the clock reading the job's first run time is looked up at, so an
     * {@code interval} without {@code start_date} first runs at once (a job added before the start: as it starts).
     *
     * @param spec the spec, with {@code type}; copied deeply (nested specs too), so later changes to it do not change
     *        this request
     * @return this request
     * @throws IllegalArgumentException when maps and lists in the spec nest more than 64 levels deep
     */
    public JobRequest trigger(Map<String, ?> spec) {
        this.fields.trigger(spec);
        return this;
    }

    /**
     * The alias of the executor that runs the job; default {@code default}.
     *
     * @param alias the alias
     * @return this request
     */
    public JobRequest executor(String alias) {
        this.fields.options((current) -> current.executor(alias));
        return this;
    }

    /**
     * The alias of the store that holds the job; default {@code default}.
     *
     * @param alias the alias
     * @return this request
     */
    public JobRequest jobstore(String alias) {
        this.fields.options((current) -> current.jobstore(alias));
        return this;
    }

    /**
     * How late a run may start and still run (checked when submitted and again when the executor starts it).
     *
     * @param grace a positive duration, or {@code null} for no limit
     * @return this request
     */
    public JobRequest misfireGraceTime(@Nullable Duration grace) {
        this.fields.options((current) -> current.misfireGraceTime(grace));
        return this;
    }

    /**
     * Whether several due run times fold into one run of the latest.
     *
     * @param coalesce the policy
     * @return this request
     */
    public JobRequest coalesce(boolean coalesce) {
        this.fields.options((current) -> current.coalesce(coalesce));
        return this;
    }

    /**
     * The most runs of this job in flight at once, across every scheduler sharing its store.
     *
     * @param maxInstances at least 1
     * @return this request
     */
    public JobRequest maxInstances(int maxInstances) {
        this.fields.options((current) -> current.maxInstances(maxInstances));
        return this;
    }

    /**
     * The largest random delay added to each fire time, replacing the trigger's jitter.
     *
     * @param jitter not negative; {@code null} for the trigger's own
     * @return this request
     */
    public JobRequest jitter(@Nullable Duration jitter) {
        this.fields.options((current) -> current.jitter(jitter));
        return this;
    }

    /**
     * The longest one run of the job may take once started (recorded as {@code TIMED_OUT} when it passes). On
     * the {@code process-pool} executor the worker running it is killed and replaced and the run fails with
     * {@code JobTimeoutException}; this overrides the executor's {@code task-timeouts} and {@code timeout}. On the
     * {@code thread-pool} and {@code virtual-thread} executors the task's thread is interrupted and the run fails
     * with {@code RunTimeoutException} at once, but the thread and the job's max-instances slot stay taken until
     * the task returns (interruption cannot stop code that ignores it; see
     * {@link io.kairos.scheduler.executor.PooledJobExecutor}). The {@code direct} executor rejects a job with a
     * timeout ({@link IllegalArgumentException}). Not an APScheduler 3.x option.
     *
     * @param timeout a positive duration (nanosecond precision; stored as ISO-8601), or {@code null} for none
     *     (the executor's own timeouts apply)
     * @return this request
     * @throws IllegalArgumentException when {@code timeout} is zero or negative; the message names
     *     {@code timeout} and the value
     */
    public JobRequest timeout(@Nullable Duration timeout) {
        this.fields.options((current) -> current.timeout(timeout));
        return this;
    }

    /**
     * How failed attempts (an exception, or the timeout) are retried: another attempt of the same fire time, kept in
     * the job's store until it runs; see {@link JobOptions#retry(RetryPolicy)}. The exception class names of
     * {@code retryOn} and {@code noRetryOn} are matched as text and not loaded here (a stored job may name another
     * node's classes); call {@link RetryPolicy#checkExceptionClasses(ClassLoader)} on a policy built from input to
     * refuse a misspelled name instead of retrying nothing.
     *
     * @param policy the policy, e.g. {@code RetryPolicy.maxAttempts(3)}; {@link RetryPolicy#NONE} for no retry
     * @return this request
     * @throws NullPointerException when {@code policy} is {@code null}
     */
    public JobRequest retry(RetryPolicy policy) {
        this.fields.options((current) -> current.retry(policy));
        return this;
    }

    /**
     * The first run time, overriding the trigger's first fire time; {@code null} adds the job paused.
     *
     * @param nextRunTime the instant, or {@code null}
     * @return this request
     */
    public JobRequest nextRunTime(@Nullable Instant nextRunTime) {
        this.fields.nextRunTime(nextRunTime);
        return this;
    }

    /**
     * Adds the job paused ({@code nextRunTime(null)}). A job whose trigger never fires (has no fire time at or after
     * now) can only be added so, or with an explicit {@link #nextRunTime}; otherwise such a trigger is refused when
     * the job is added.
     *
     * @return this request
     */
    public JobRequest paused() {
        return nextRunTime(null);
    }

    /**
     * What to do when the id is taken; default {@link ConflictPolicy#ERROR}.
     *
     * @param policy the policy
     * @return this request
     */
    public JobRequest conflictPolicy(ConflictPolicy policy) {
        this.conflictPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * APScheduler's {@code replace_existing}: {@code true} is {@link ConflictPolicy#REPLACE}, {@code false}
     * {@link ConflictPolicy#ERROR}.
     *
     * @param replace whether to replace a job with the same id
     * @return this request
     */
    public JobRequest replaceExisting(boolean replace) {
        return conflictPolicy(replace ? ConflictPolicy.REPLACE : ConflictPolicy.ERROR);
    }

    /**
     * Sets several options at once; the options that {@code options} sets replace the ones set before.
     *
     * @param options the options; not {@code null}
     * @return this request
     */
    public JobRequest options(JobOptions options) {
        this.fields.options((current) -> current.with(options));
        return this;
    }

    /**
     * The task's name as given.
     *
     * @return the name; never {@code null}
     */
    public String taskName() {
        return this.taskName;
    }

    /**
     * The task object when the request was made from one ({@link #of(Task)}).
     *
     * @return the task, or {@code null} when only its name was given
     */
    public @Nullable Task task() {
        return this.task;
    }

    /**
     * The id as set.
     *
     * @return the id, or {@code null} for a generated one
     */
    public @Nullable String id() {
        return this.id;
    }

    /**
     * The name as set.
     *
     * @return the name, or {@code null} for the task's name
     */
    public @Nullable String name() {
        return this.fields.name();
    }

    /**
     * The positional arguments.
     *
     * @return the arguments, immutable; never {@code null}
     */
    public List<Object> args() {
        List<Object> args = this.fields.args();
        return args == null ? ImmutableArgs.emptyList() : args;
    }

    /**
     * The keyword arguments.
     *
     * @return the arguments in insertion order, unmodifiable (an {@link UnsupportedOperationException} on any change):
     *     the copy {@link #kwargs(Map)} made, or a view of the map {@link #kwarg} adds to, which shows later
     *     {@code kwarg} calls; never {@code null}
     */
    public Map<String, Object> kwargs() {
        Map<String, Object> kwargs = this.fields.kwargs();
        return kwargs == null ? ImmutableArgs.emptyMap() : kwargs;
    }

    /**
     * The trigger as set: a {@link Trigger}, an unmodifiable deep copy of a trigger spec map, or {@code null} when none was
     * set.
     *
     * @return the trigger or spec, or {@code null}
     */
    public @Nullable Object trigger() {
        return this.fields.trigger();
    }

    /**
     * The options set on this request.
     *
     * @return the options; never {@code null}
     */
    public JobOptions options() {
        return this.fields.options();
    }

    /**
     * Whether {@link #nextRunTime(Instant)} (or {@link #paused()}) was called.
     *
     * @return {@code true} when the first run time was set, even to {@code null}
     */
    public boolean isNextRunTimeSet() {
        return this.fields.isNextRunTimeSet();
    }

    /**
     * The first run time as set; meaningful when {@link #isNextRunTimeSet()}.
     *
     * @return the instant, or {@code null} (paused, or not set)
     */
    public @Nullable Instant nextRunTime() {
        return this.fields.nextRunTime();
    }

    /**
     * What to do when the id is taken.
     *
     * @return the policy; never {@code null}
     */
    public ConflictPolicy conflictPolicy() {
        return this.conflictPolicy;
    }

    /**
     * What this class and {@link JobChanges} both hold: name, positional and named arguments, trigger, options
     * and next run time, with the copies their setters make. Arguments are kept as {@link ImmutableArgs} copies and a
     * trigger spec as an unmodifiable copy, so the getters hand them out without copying and nobody can change them
     * through a getter; named arguments added one by one ({@link #kwarg}) go to a map of this holder's own, handed out
     * as an unmodifiable view. {@code null} means "not set". Mutable, not thread-safe, as its owners.
     */
    static final class Fields {

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

        /** Keeps an unmodifiable deep copy of the spec: nested specs of {@code and} / {@code or} are copied too. */
        void trigger(Map<String, ?> spec) {
            this.trigger = TriggerSpecCopies.copyOf(Objects.requireNonNull(spec, "spec"));
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

    /**
     * Deep, unmodifiable copies of trigger specs: every nested map and list (the child specs of {@code and} and
     * {@code or} triggers) is copied too, so a caller who changes a map after handing it over changes nothing the
     * request holds. Maps keep their iteration order; {@code null} values are kept. Other values (strings, numbers,
     * dates) are shared. Stateless and thread-safe.
     */
    private static final class TriggerSpecCopies {

        /**
         * The most levels of maps and lists one spec may nest. A combining trigger level is a map and a list, so this is
         * well above {@code 2 * CombiningTrigger.MAX_DEPTH}; it only stops a map that contains itself.
         */
        static final int MAX_NESTING = 64;

        private TriggerSpecCopies() {
        }

        /**
         * An unmodifiable deep copy of a trigger spec.
         *
         * @param spec the spec; not {@code null}
         * @return the copy
         * @throws IllegalArgumentException when maps and lists nest more than {@link #MAX_NESTING} levels deep (a map
         *         that contains itself)
         */
        static Map<String, Object> copyOf(Map<String, ?> spec) {
            Map<String, Object> copy = new LinkedHashMap<>();
            spec.forEach((key, value) -> copy.put(key, copyValue(value, 1)));
            return Collections.unmodifiableMap(copy);
        }

        private static @Nullable Object copyValue(@Nullable Object value, int depth) {
            if (!(value instanceof Map) && !(value instanceof List)) {
                return value;
            }
            if (depth >= MAX_NESTING) {
                throw new IllegalArgumentException("trigger spec nests maps and lists more than " + MAX_NESTING
                        + " levels deep (a map or list that contains itself?); valid: at most " + MAX_NESTING + " levels");
            }
            if (value instanceof Map<?, ?> map) {
                Map<Object, @Nullable Object> copy = new LinkedHashMap<>();
                map.forEach((key, child) -> copy.put(key, copyValue(child, depth + 1)));
                return Collections.unmodifiableMap(copy);
            }
            List<?> list = (List<?>) value;
            List<@Nullable Object> copy = new ArrayList<>(list.size());
            for (Object child : list) {
                copy.add(copyValue(child, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
    }
}
