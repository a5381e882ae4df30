package io.kairos.scheduler.task;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.ObjectMapper;

/**
 * A task that calls a Java method: a public static method ({@code com.acme.Jobs::purge}) or a method of a
 * target object (a Spring bean method, {@code orderService.cancelUnpaidOrder}, built by the Spring module's
 * {@link TaskResolver}).
 *
 * <p>Arguments are bound as APScheduler binds them to a Python function: positional {@code args} fill the
 * first parameters, named {@code kwargs} are matched to the parameter <em>names</em>; each value is converted
 * to the parameter's type with Jackson ({@code ObjectMapper.convertValue}). Java has no default values, so
 * every parameter must be given except {@link java.util.Optional} ones; {@code null} is rejected for
 * primitives. {@link #checkArguments} does the whole binding, conversion included, so a job that would fail
 * to bind fails when it is added.
 *
 * <p>The method handle is resolved once, when the task is built; {@link #invoke} does no reflective lookup.
 * Immutable and thread-safe (the target's own thread-safety is the target's affair).
 */
public final class MethodTask implements Task {

    private static final MethodType SPREAD_TYPE = MethodType.methodType(Object.class, Object[].class);

    private final String name;
    private final boolean portable;
    private final Method method;
    private final ArgumentBinder binder;
    private final MethodHandle handle;

    private MethodTask(String name, boolean portable, Method method, ArgumentBinder binder, MethodHandle handle) {
        this.name = name;
        this.portable = portable;
        this.method = method;
        this.binder = binder;
        this.handle = handle;
    }

    /**
     * Builds a task that calls {@code method} on {@code target}, or the static {@code method} when
     * {@code target} is {@code null}.
     *
     * @param name the task name, as stored in jobs, not blank
     * @param target the object to call the method on; {@code null} for a static method
     * @param method the method; public, or made accessible here if the module system allows
     * @param portable whether a worker JVM can resolve the same name (true for static methods, false for
     *     bean methods)
     * @param mapper converts argument values to the parameter types
     * @return the task
     * @throws IllegalArgumentException when {@code target} is {@code null} and the method is not static, when
     *     {@code target} is not an instance of the method's class, or when the method cannot be accessed
     */
    public static MethodTask of(String name, @Nullable Object target, Method method, boolean portable, ObjectMapper mapper) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(mapper, "mapper");
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        if (target == null && !isStatic) {
            throw new IllegalArgumentException("task '" + name + "': method " + method + " is not static and no"
                    + " target object was given");
        }
        if (target != null && !isStatic && !method.getDeclaringClass().isInstance(target)) {
            throw new IllegalArgumentException("task '" + name + "': target " + target.getClass().getName()
                    + " is not a " + method.getDeclaringClass().getName());
        }
        MethodHandle handle = unreflect(name, method);
        if (!isStatic) {
            handle = handle.bindTo(target);
        }
        handle = handle.asFixedArity().asSpreader(Object[].class, method.getParameterCount()).asType(SPREAD_TYPE);
        return new MethodTask(name, portable, method, new ArgumentBinder(name, method, mapper), handle);
    }

    private static MethodHandle unreflect(String name, Method method) {
        try {
            return MethodHandles.publicLookup().unreflect(method);
        }
        catch (IllegalAccessException notPublic) {
            if (method.trySetAccessible()) {
                try {
                    return MethodHandles.lookup().unreflect(method);
                }
                catch (IllegalAccessException ex) {
                    // fall through to the error below
                }
            }
            throw new IllegalArgumentException("task '" + name + "': method " + method + " is not accessible: "
                    + notPublic.getMessage(), notPublic);
        }
    }

    @Override
    public String name() {
        return this.name;
    }

    /**
     * Always {@code true}: a method task is built from a name that resolves again.
     */
    @Override
    public boolean hasStableName() {
        return true;
    }

    @Override
    public boolean isPortable() {
        return this.portable;
    }

    /**
     * The method this task calls.
     *
     * @return the method, never {@code null}
     */
    public Method method() {
        return this.method;
    }

    /**
     * The parameter list as shown in error messages, e.g. {@code (long orderId, boolean notify)}.
     *
     * @return the signature, never {@code null}
     */
    public String signature() {
        return this.binder.signature();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Binds and converts the arguments without calling the method.
     */
    @Override
    public void checkArguments(List<Object> args, Map<String, Object> kwargs) {
        this.binder.bind(Objects.requireNonNull(args, "args"), Objects.requireNonNull(kwargs, "kwargs"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidJobArgumentsException when the arguments do not fit (e.g. the method changed since the
     *     job was added)
     */
    @Override
    public @Nullable Object invoke(List<Object> args, Map<String, Object> kwargs) throws Exception {
        @Nullable Object[] values = this.binder.bind(Objects.requireNonNull(args, "args"), Objects.requireNonNull(kwargs, "kwargs"));
        try {
            return (Object) this.handle.invokeExact(values);
        }
        catch (Exception | Error ex) {
            throw ex;
        }
        catch (Throwable other) {
            throw new IllegalStateException("task '" + this.name + "' threw " + other, other);
        }
    }

    @Override
    public String toString() {
        return "Task[" + this.name + ", " + this.method.getDeclaringClass().getName() + "."
                + this.method.getName() + this.binder.signature() + "]";
    }
}
