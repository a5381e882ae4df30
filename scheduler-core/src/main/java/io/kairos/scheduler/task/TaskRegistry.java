package io.kairos.scheduler.task;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.ObjectMapper;

/**
 * Resolves task names to {@link Task}s. A name is looked up in this order:
 * <ol>
 * <li>names registered with {@code register} (lambdas; stable, not portable) or by a {@link TaskProvider}
 * found by {@link ServiceLoader} (stable and portable);</li>
 * <li>the {@link TaskResolver}s, in the order added (the Spring module adds one for
 * {@code beanName.methodName});</li>
 * <li>references: {@code com.acme.Jobs::purge}, a public static method, and {@code com.acme.PurgeJob}, a public
 * class with a public no-arg constructor implementing {@link TaskFunction}, {@link TaskSupplier},
 * {@link TaskAction}, {@link java.util.concurrent.Callable} or {@link Runnable} (checked in that order; a new
 * instance per run). Both are stable and portable, and are the Java form of APScheduler's
 * {@code module:function}. A method reference must name exactly one public method of a public class, and it
 * must be static: overloads are refused. <b>Only classes under the {@linkplain #allowPackages allowed packages}
 * resolve</b>, and no package is allowed until one is given: task names come from job stores, which are untrusted
 * input, and without this rule a rewritten job could call any public static method on the class path
 * ({@code java.nio.file.Files::delete}). Anything else is a {@link TaskNotAllowedException}.</li>
 * </ol>
 *
 * <p>References are resolved once and cached (the method handle included), so a hot job does not resolve
 * reflectively on each run; resolver results are not cached (resolvers cache what they want). Classes are
 * loaded through the class loader given at construction, or else the resolving thread's context class
 * loader (falling back to this class's loader).
 *
 * <p>Thread-safe: registration, resolver addition and resolution may happen concurrently.
 */
public final class TaskRegistry implements TaskRegistrar {

    private final @Nullable ClassLoader classLoader;
    private final ObjectMapper mapper;
    private final ConcurrentMap<String, Task> registered = new ConcurrentHashMap<>();
    private final List<TaskResolver> resolvers = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, Task> references = new ConcurrentHashMap<>();
    private volatile AllowedPackages allowedPackages = AllowedPackages.NONE;

    /**
     * A registry that loads classes through the resolving thread's context class loader and converts
     * arguments with {@link JobArguments#defaultMapper()}.
     */
    public TaskRegistry() {
        this(null, JobArguments.defaultMapper());
    }

    /**
     * A registry with an explicit class loader (e.g. Spring's bean class loader) and mapper (e.g. the
     * application's, so its modules apply to argument conversion).
     *
     * @param classLoader loads referenced classes; {@code null} for the resolving thread's context class loader
     * @param mapper converts argument values to parameter types, not {@code null}; see
     *     {@link JobArguments#defaultMapper()} for the stricter default
     */
    public TaskRegistry(@Nullable ClassLoader classLoader, ObjectMapper mapper) {
        this.classLoader = classLoader;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * A registry holding the tasks of every {@link TaskProvider} that
     * {@code ServiceLoader.load(TaskProvider.class, classLoader)} finds, and loading referenced classes through
     * the same class loader. A worker JVM builds its registry this way and so sees the same provider tasks.
     *
     * @param classLoader finds the providers and loads referenced classes, not {@code null}
     * @return the registry
     * @throws java.util.ServiceConfigurationError when a provider is listed but cannot be loaded or created
     * @throws IllegalArgumentException when a provider registers an invalid or duplicate name
     */
    public static TaskRegistry withServiceLoaderProviders(ClassLoader classLoader) {
        Objects.requireNonNull(classLoader, "classLoader");
        TaskRegistry registry = new TaskRegistry(classLoader, JobArguments.defaultMapper());
        registry.registerServiceLoaderProviders();
        return registry;
    }

    /**
     * Registers the tasks of every {@link TaskProvider} that {@link ServiceLoader} finds through this
     * registry's class loader (the calling thread's context class loader when none was given).
     *
     * @return the number of providers loaded
     * @throws java.util.ServiceConfigurationError when a provider is listed but cannot be loaded or created
     * @throws IllegalArgumentException when a provider registers an invalid or duplicate name
     */
    public int registerServiceLoaderProviders() {
        TaskRegistrar portable = new TaskRegistrar() {
            @Override
            public Task register(String name, TaskAction action) {
                return add(FunctionTask.of(checkName(name), true, true, action));
            }

            @Override
            public Task register(String name, TaskSupplier supplier) {
                return add(FunctionTask.of(checkName(name), true, true, supplier));
            }

            @Override
            public Task register(String name, TaskFunction function) {
                return add(FunctionTask.of(checkName(name), true, true, function));
            }
        };
        int count = 0;
        for (TaskProvider provider : ServiceLoader.load(TaskProvider.class, classLoader())) {
            provider.registerTasks(portable);
            count++;
        }
        return count;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The task is stable but not portable: a worker JVM cannot see the lambda.
     */
    @Override
    public Task register(String name, TaskAction action) {
        return add(FunctionTask.of(checkName(name), true, false, action));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The task is stable but not portable: a worker JVM cannot see the lambda.
     */
    @Override
    public Task register(String name, TaskSupplier supplier) {
        return add(FunctionTask.of(checkName(name), true, false, supplier));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The task is stable but not portable: a worker JVM cannot see the lambda.
     */
    @Override
    public Task register(String name, TaskFunction function) {
        return add(FunctionTask.of(checkName(name), true, false, function));
    }

    /**
     * Adds a resolver, consulted after the registered names and the resolvers added before it, and before
     * class and method references.
     *
     * @param resolver the resolver, not {@code null}
     * @return this registry
     */
    public TaskRegistry addResolver(TaskResolver resolver) {
        this.resolvers.add(Objects.requireNonNull(resolver, "resolver"));
        return this;
    }

    /**
     * Allows references ({@code com.acme.Jobs::purge}, {@code com.acme.PurgeJob}) to classes in these packages and
     * below them, in addition to those allowed before. Allow packages before the scheduler starts: a
     * {@code process-pool} executor passes the packages allowed when it starts to its worker JVMs.
     *
     * @param packages package names such as {@code com.acme}
     * @return this registry
     * @throws IllegalArgumentException when a name is blank or not a package name; nothing is allowed then
     * @see AllowedPackages
     */
    public TaskRegistry allowPackages(String... packages) {
        return allowPackages(Arrays.asList(packages));
    }

    /**
     * Allows references to classes in these packages and below them; see {@link #allowPackages(String...)}.
     *
     * @param packages package names such as {@code com.acme}
     * @return this registry
     * @throws IllegalArgumentException when a name is blank or not a package name; nothing is allowed then
     */
    public TaskRegistry allowPackages(Collection<String> packages) {
        synchronized (this.references) {
            this.allowedPackages = this.allowedPackages.and(packages);
        }
        return this;
    }

    /**
     * The packages whose classes references may name.
     *
     * @return the packages; {@link AllowedPackages#NONE} until {@link #allowPackages} is called
     */
    public AllowedPackages allowedPackages() {
        return this.allowedPackages;
    }

    /**
     * The names registered with {@code register} or by providers.
     *
     * @return an unmodifiable snapshot, in no particular order
     */
    public Set<String> registeredNames() {
        return Set.copyOf(this.registered.keySet());
    }

    /**
     * Resolves a task name, in the order described on the class.
     *
     * @param name the task name, not {@code null}
     * @return the task, never {@code null}
     * @throws TaskNotAllowedException when a reference names a class outside the {@linkplain #allowedPackages()
     *     allowed packages}, or a {@link TaskResolver} refuses the name as untrusted
     * @throws UnknownTaskException when nothing resolves the name, with the exact reason (class not found, no
     *     such public method, several overloads, not static, ...) and the valid forms of name; also when a
     *     {@link TaskResolver} recognizes the name's form but finds nothing to run
     */
    public Task resolve(String name) {
        Objects.requireNonNull(name, "name");
        Task task = this.registered.get(name);
        if (task != null) {
            return task;
        }
        if (name.isBlank()) {
            throw TaskReferences.unknown(name, "the name is blank");
        }
        if (name.startsWith(Tasks.ANONYMOUS_PREFIX)) {
            throw TaskReferences.unknown(name, "this is the label of an unnamed lambda, which cannot be resolved"
                    + " again; register the lambda under a name instead");
        }
        for (TaskResolver resolver : this.resolvers) {
            Optional<Task> resolved = resolver.resolve(name);
            if (resolved.isPresent()) {
                return resolved.get();
            }
        }
        // allowed packages only grow, so a cached reference stays allowed
        task = this.references.get(name);
        if (task != null) {
            return task;
        }
        task = TaskReferences.resolve(name, classLoader(), this.mapper, this.allowedPackages);
        Task raced = this.references.putIfAbsent(name, task);
        return raced != null ? raced : task;
    }

    private Task add(Task task) {
        Task previous = this.registered.putIfAbsent(task.name(), task);
        if (previous != null) {
            throw new IllegalArgumentException("task name '" + task.name() + "' is already registered ("
                    + previous + "); each name may be registered once");
        }
        return task;
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        String problem = null;
        if (name.isBlank()) {
            problem = "it is blank";
        }
        else if (name.chars().anyMatch(Character::isWhitespace)) {
            problem = "it contains whitespace";
        }
        else if (name.contains(TaskReferences.METHOD_SEPARATOR)) {
            problem = "'::' is reserved for static method references (Class::method)";
        }
        else if (name.startsWith(Tasks.ANONYMOUS_PREFIX)) {
            problem = "the prefix '" + Tasks.ANONYMOUS_PREFIX + "' is reserved for unnamed lambdas";
        }
        if (problem != null) {
            throw new IllegalArgumentException("invalid task name '" + name + "': " + problem
                    + "; use e.g. 'purgeSessions' or 'orders.cancelUnpaid'");
        }
        return name;
    }

    private ClassLoader classLoader() {
        if (this.classLoader != null) {
            return this.classLoader;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : TaskRegistry.class.getClassLoader();
    }

    @Override
    public String toString() {
        return "TaskRegistry[" + this.registered.size() + " registered, " + this.resolvers.size() + " resolvers, "
                + this.references.size() + " cached references, allowed packages " + this.allowedPackages + "]";
    }
}
