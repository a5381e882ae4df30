package io.kairos.scheduler.task;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Static helpers for naming tasks: typo-safe references to static methods and classes, unnamed lambdas for
 * the memory job store, and the message the scheduler gives when an unnamed lambda meets a persistent store.
 */
public final class Tasks {

    /** The prefix of every unnamed lambda's label; {@link TaskRegistrar} refuses names that start with it. */
    public static final String ANONYMOUS_PREFIX = "lambda$";

    private static final AtomicLong ANONYMOUS_COUNTER = new AtomicLong();

    private Tasks() {
    }

    /**
     * The task name of a public static method, {@code com.acme.Jobs::purge}: write
     * {@code Tasks.ref(Jobs.class, "purge")} instead of the string so a renamed class or a typo fails here.
     * Java cannot recover a name from a method reference ({@code Jobs::purge}), hence the string.
     *
     * @param type the class declaring the method
     * @param methodName the method's name
     * @return the task name, {@code type.getName() + "::" + methodName}
     * @throws UnknownTaskException when the class is not public or does not have exactly one public method of
     *     that name, or that method is not static
     */
    public static String ref(Class<?> type, String methodName) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(methodName, "methodName");
        String name = type.getName() + TaskReferences.METHOD_SEPARATOR + methodName;
        TaskReferences.staticMethod(name, type, methodName);
        return name;
    }

    /**
     * The task name of a class run by instantiation, {@code com.acme.PurgeJob}: the class's binary name. The
     * class must be public with a public no-arg constructor and implement {@link TaskFunction},
     * {@link TaskSupplier}, {@link TaskAction}, {@link java.util.concurrent.Callable} or {@link Runnable}.
     *
     * @param type the class
     * @return the task name, {@code type.getName()}
     */
    public static String ref(Class<?> type) {
        return Objects.requireNonNull(type, "type").getName();
    }

    /**
     * An unnamed task: runs in the memory job store only. Its name is a label such as
     * {@code lambda$3:com.acme.Foo} that no registry resolves; {@link Task#hasStableName()} and
     * {@link Task#isPortable()} are {@code false}.
     *
     * @param action the code to run, not {@code null}
     * @return the task
     */
    public static Task anonymous(TaskAction action) {
        return FunctionTask.of(anonymousName(action), false, false, action);
    }

    /**
     * An unnamed task returning a result; see {@link #anonymous(TaskAction)}.
     *
     * @param supplier the code to run, not {@code null}
     * @return the task
     */
    public static Task anonymous(TaskSupplier supplier) {
        return FunctionTask.of(anonymousName(supplier), false, false, supplier);
    }

    /**
     * An unnamed task receiving the job's arguments; see {@link #anonymous(TaskAction)}.
     *
     * @param function the code to run, not {@code null}
     * @return the task
     */
    public static Task anonymous(TaskFunction function) {
        return FunctionTask.of(anonymousName(function), false, false, function);
    }

    /**
     * The message for a job whose task has no stable name but was sent to a persistent job store. The
     * scheduler throws it (at {@code addJob} time) in the exception of its choice.
     *
     * @param task the task, with {@link Task#hasStableName()} false
     * @param jobStoreAlias the alias of the persistent job store, e.g. {@code default}
     * @return the message, naming the task and the store and saying how to fix it
     */
    public static String unstableNameMessage(Task task, String jobStoreAlias) {
        return "task '" + task.name() + "' is an unnamed lambda, so it can only be scheduled in a memory job store;"
                + " job store '" + jobStoreAlias + "' is persistent and stores tasks by name. Register the lambda"
                + " under a name (taskRegistry.register(\"purgeSessions\", () -> ...)) and schedule that name, or"
                + " use a public static method by reference (\"com.acme.Jobs::purge\", written"
                + " Tasks.ref(Jobs.class, \"purge\")), or a Spring bean method (\"beanName.methodName\")";
    }

    private static String anonymousName(Object lambda) {
        Objects.requireNonNull(lambda, "task");
        String className = lambda.getClass().getName();
        int lambdaMarker = className.indexOf("$$Lambda");
        String origin = lambdaMarker > 0 ? className.substring(0, lambdaMarker) : className;
        return ANONYMOUS_PREFIX + ANONYMOUS_COUNTER.incrementAndGet() + ":" + origin;
    }
}
