package io.kairos.scheduler.task;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

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

    private static final Pattern BINARY_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private static final Pattern IDENTIFIER = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

    private TaskReferences() {
    }

    /**
     * Resolves a reference.
     *
     * @throws UnknownTaskException with the exact reason
     */
    static Task resolve(String name, ClassLoader loader, ObjectMapper mapper) {
        int separator = name.indexOf(METHOD_SEPARATOR);
        if (separator >= 0) {
            String className = name.substring(0, separator);
            String methodName = name.substring(separator + METHOD_SEPARATOR.length());
            if (!BINARY_NAME.matcher(className).matches() || !IDENTIFIER.matcher(methodName).matches()) {
                throw unknown(name, "malformed static method reference; expected 'package.Class::method'");
            }
            Class<?> type = load(name, className, loader);
            return MethodTask.of(name, null, staticMethod(name, type, methodName), true, mapper);
        }
        if (!BINARY_NAME.matcher(name).matches() || name.indexOf('.') < 0) {
            throw unknown(name, "no task is registered under this name");
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
        return new UnknownTaskException(name, "cannot resolve task '" + name + "': " + reason + ". " + VALID_FORMS);
    }
}
