package io.kairos.scheduler.task;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import tools.jackson.databind.ObjectMapper;

/**
 * Resolves the reference forms of task names, the Java form of APScheduler's {@code module:function}
 * textual references: {@code com.acme.Jobs::purge} (a public static method) and {@code com.acme.PurgeJob}
 * (a class with a public no-arg constructor). Stateless; thread-safe.
 */
final class TaskReferences {

    /** The separator between class and method in a static method reference. */
    static final String METHOD_SEPARATOR = "::";

    /** Which task names are valid, appended to every resolution error. */
    static final String VALID_FORMS = "Valid task names: a name registered with TaskRegistry.register or by a"
            + " TaskProvider (e.g. 'purgeSessions'); a Spring bean method 'beanName.methodName' (with the Spring"
            + " Boot starter); a public static method 'com.acme.Jobs::purge' (see Tasks.ref); or a public class"
            + " with a public no-arg constructor implementing TaskFunction, TaskSupplier, TaskAction, Callable or"
            + " Runnable, 'com.acme.PurgeJob' (nested classes use '$': 'com.acme.Jobs$Purge').";

    private TaskReferences() {
    }

    /**
     * Resolves a reference whose class lies in the allowed packages. The package is checked on the name before any
     * class is loaded, and again on the class declaring the method (a static method inherited from a class outside
     * the packages is refused too).
     *
     * @throws TaskNotAllowedException when the class, or the method's declaring class, is outside {@code allowed}
     * @throws UnknownTaskException with the exact reason for anything else
     */
    static Task resolve(String name, ClassLoader loader, ObjectMapper mapper, AllowedPackages allowed) {
        int separator = name.indexOf(METHOD_SEPARATOR);
        if (separator >= 0) {
            String className = name.substring(0, separator);
            String methodName = name.substring(separator + METHOD_SEPARATOR.length());
            if (!isQualifiedName(className) || !isIdentifier(methodName)) {
                throw unknown(name, "malformed static method reference; expected 'package.Class::method'");
            }
            if (!allowed.allows(className)) {
                throw notAllowed(name, "class '" + AllowedPackages.shown(className) + "'", allowed);
            }
            Method method = staticMethod(name, load(name, className, loader), methodName);
            if (!allowed.allows(method.getDeclaringClass())) {
                throw notAllowed(name, "method " + describe(method) + " is declared by class '"
                        + method.getDeclaringClass().getName() + "', which", allowed);
            }
            return MethodTask.of(name, null, method, true, mapper);
        }
        if (!isQualifiedName(name) || name.indexOf('.') < 0) {
            throw unknown(name, "no task is registered under this name");
        }
        if (!allowed.allows(name)) {
            throw notAllowed(name, "no task is registered under this name and no resolver knows it; as a class name,"
                    + " '" + AllowedPackages.shown(name) + "'", allowed);
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        }
        catch (ClassNotFoundException ex) {
            throw unknown(name, "no task is registered under this name, no resolver knows it, and no class of"
                    + " this name is visible to " + loader);
        }
        catch (LinkageError ex) {
            throw unknown(name, "class '" + name + "' cannot be loaded: " + ex);
        }
        return classTask(name, type);
    }

    /**
     * Whether a text is a dot-separated sequence of Java identifiers ({@code com.acme.Jobs$Inner}), checked in one
     * pass without recursion, so a name of any length read from a store costs time in proportion to its length.
     *
     * @param text the text
     * @return {@code true} for a qualified name
     */
    static boolean isQualifiedName(String text) {
        boolean segmentStart = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (segmentStart ? !Character.isJavaIdentifierStart(c) : c != '.' && !Character.isJavaIdentifierPart(c)) {
                return false;
            }
            segmentStart = c == '.';
            i += Character.charCount(c);
        }
        return !segmentStart;
    }

    private static boolean isIdentifier(String text) {
        return text.indexOf('.') < 0 && isQualifiedName(text);
    }

    private static TaskNotAllowedException notAllowed(String name, String subject, AllowedPackages allowed) {
        String shownName = AllowedPackages.shown(name);
        return new TaskNotAllowedException(name, "task '" + shownName + "' is not allowed: " + subject + " is outside the"
                + " allowed task packages " + (allowed.isEmpty() ? "(none are allowed: the default)" : allowed.toString())
                + ". A task name read from a job store may name only registered tasks, TaskProvider tasks, Spring bean"
                + " methods with @ScheduledJob or @KairosTask or of the application's packages, and static methods or"
                + " classes under the allowed packages; to allow a package, use SchedulerBuilder.allowTaskPackages(...),"
                + " TaskRegistry.allowPackages(...) or the property kairos.tasks.allowed-packages");
    }

    /**
     * Finds the one public static method {@code methodName} of {@code type}. Rule: the class must be public and
     * have exactly one public method of that name (overloads are refused, whatever their parameters), and it
     * must be static.
     *
     * @param name the task name, for messages
     * @throws UnknownTaskException saying what is wrong
     */
    static Method staticMethod(String name, Class<?> type, String methodName) {
        if (!Modifier.isPublic(type.getModifiers())) {
            throw unknown(name, "class '" + type.getName() + "' is not public");
        }
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter((m) -> m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic())
                .toList();
        if (candidates.isEmpty()) {
            boolean hidden = Arrays.stream(type.getDeclaredMethods()).anyMatch((m) -> m.getName().equals(methodName));
            throw unknown(name, hidden ? "method '" + methodName + "' of class '" + type.getName() + "' is not public"
                    : "class '" + type.getName() + "' has no public method named '" + methodName + "'");
        }
        if (candidates.size() > 1) {
            throw unknown(name, "class '" + type.getName() + "' has " + candidates.size() + " public methods named '"
                    + methodName + "' " + candidates.stream().map(TaskReferences::describe).toList()
                    + "; a task reference must name exactly one method: rename the overloads apart");
        }
        Method method = candidates.get(0);
        if (!Modifier.isStatic(method.getModifiers())) {
            throw unknown(name, "method " + describe(method) + " is not static; a 'Class::method' reference needs a"
                    + " static method. For an instance method use a Spring bean method ('beanName." + methodName
                    + "') or register a lambda under a name");
        }
        return method;
    }

    private static Class<?> load(String name, String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        }
        catch (ClassNotFoundException ex) {
            throw unknown(name, "class '" + className + "' not found by " + loader
                    + " (nested classes are written with '$', e.g. 'com.acme.Jobs$Inner::run')");
        }
        catch (LinkageError ex) {
            throw unknown(name, "class '" + className + "' cannot be loaded: " + ex);
        }
    }

    private static Task classTask(String name, Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw unknown(name, "class '" + name + "' must be public, concrete and not an interface");
        }
        MethodHandle constructor;
        try {
            constructor = MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        }
        catch (NoSuchMethodException | IllegalAccessException ex) {
            throw unknown(name, "class '" + name + "' has no public no-arg constructor");
        }
        if (TaskFunction.class.isAssignableFrom(type)) {
            return FunctionTask.adapt(name, "TaskFunction", true,
                    (args, kwargs) -> ((TaskFunction) create(constructor)).apply(args, kwargs));
        }
        if (TaskSupplier.class.isAssignableFrom(type)) {
            return FunctionTask.adapt(name, "TaskSupplier", false, (args, kwargs) -> ((TaskSupplier) create(constructor)).get());
        }
        if (TaskAction.class.isAssignableFrom(type)) {
            return FunctionTask.adapt(name, "TaskAction", false, (args, kwargs) -> {
                ((TaskAction) create(constructor)).run();
                return null;
            });
        }
        if (Callable.class.isAssignableFrom(type)) {
            return FunctionTask.adapt(name, "Callable", false, (args, kwargs) -> ((Callable<?>) create(constructor)).call());
        }
        if (Runnable.class.isAssignableFrom(type)) {
            return FunctionTask.adapt(name, "Runnable", false, (args, kwargs) -> {
                ((Runnable) create(constructor)).run();
                return null;
            });
        }
        throw unknown(name, "class '" + name + "' implements none of TaskFunction, TaskSupplier, TaskAction,"
                + " Callable, Runnable; to call one of its static methods write 'ClassName::method'");
    }

    private static Object create(MethodHandle constructor) throws Exception {
        try {
            return (Object) constructor.invokeExact();
        }
        catch (Exception | Error ex) {
            throw ex;
        }
        catch (Throwable other) {
            throw new IllegalStateException(other);
        }
    }

    private static String describe(Method method) {
        return (Modifier.isStatic(method.getModifiers()) ? "static " : "") + method.getName() + "("
                + String.join(", ", Arrays.stream(method.getGenericParameterTypes()).map(ArgumentBinder::typeName).toList())
                + ")";
    }

    static UnknownTaskException unknown(String name, String reason) {
        return new UnknownTaskException(name, "cannot resolve task '" + AllowedPackages.shown(name) + "': " + reason + ". "
                + VALID_FORMS);
    }
}
