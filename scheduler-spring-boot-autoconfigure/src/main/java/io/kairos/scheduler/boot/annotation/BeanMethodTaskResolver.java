package io.kairos.scheduler.boot.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.kairos.scheduler.task.AllowedPackages;
import io.kairos.scheduler.task.MethodTask;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.TaskNotAllowedException;
import io.kairos.scheduler.task.TaskResolver;
import io.kairos.scheduler.task.UnknownTaskException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Resolves task names of the form {@code beanName.methodName} to methods of singleton beans
 * ({@code orderService.cancelUnpaidOrder}), plus the aliases given with {@link KairosTask#value()}. The Spring side
 * of the core's {@link TaskResolver} SPI: bean methods resolve again after a restart, so jobs naming them can live in
 * a persistent store; they cannot run in a process-pool executor (not portable).
 *
 * <p>A method qualifies when it is public, or carries {@link ScheduledJob} or {@link KairosTask}; it must not be
 * static or overloaded. Task names come from job stores, which are untrusted, so a qualifying method resolves only
 * when it is <em>declared</em> as a task ({@link ScheduledJob} or {@link KairosTask}), or when both the bean's class
 * and the class declaring the method lie in the {@link AllowedPackages} ({@code kairos.tasks.allowed-packages},
 * by default the application's own packages): {@code orderService.cancelUnpaid} of the application resolves, a
 * library bean's {@code dataSource.getConnection} or a repository's inherited {@code deleteAll} does not
 * ({@link TaskNotAllowedException}). This trust check comes before the method's shape is looked at: a bean outside
 * the allowed packages is refused as not allowed even when its method is overloaded ({@code environment.getProperty}).
 * The call goes through the bean as the context holds it (its proxy, when it
 * has one), so {@code @Transactional} and other advice apply. Arguments are bound as the core's {@link MethodTask} binds them
 * (positional args, then kwargs by parameter name, converted with Jackson).
 *
 * <p>Names whose part before the last dot is not a bean name resolve to nothing, letting the core try class and
 * method references ({@code com.acme.PurgeJob}). Resolved tasks are cached. Thread-safe.
 */
public final class BeanMethodTaskResolver implements TaskResolver {

    private final ListableBeanFactory beanFactory;

    private final ObjectMapper mapper;

    private final AllowedPackages allowedPackages;

    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    /**
     * Creates a resolver.
     *
     * @param beanFactory where beans are looked up
     * @param mapper converts job arguments to parameter types (the application's JSON mapper)
     * @param allowedPackages the packages whose beans' public methods resolve without an annotation;
     *     {@link AllowedPackages#NONE} for annotated methods only
     */
    public BeanMethodTaskResolver(ListableBeanFactory beanFactory, ObjectMapper mapper, AllowedPackages allowedPackages) {
        this.beanFactory = beanFactory;
        this.mapper = mapper;
        this.allowedPackages = allowedPackages;
    }

    /**
     * Registers an extra name for a bean method.
     *
     * @param alias the extra name
     * @param beanName the bean's name
     * @param methodName the method's name
     * @throws IllegalArgumentException when the alias is already taken by another method
     */
    public void registerAlias(String alias, String beanName, String methodName) {
        String target = beanName + "." + methodName;
        String previous = this.aliases.putIfAbsent(alias, target);
        if (previous != null && !previous.equals(target)) {
            throw new IllegalArgumentException("task alias '" + alias + "' is given to both " + previous + " and " + target);
        }
    }

    /**
     * The aliases registered with {@link #registerAlias}.
     *
     * @return an immutable snapshot, alias to {@code beanName.methodName}
     */
    public Map<String, String> aliases() {
        return Map.copyOf(this.aliases);
    }

    @Override
    public Optional<Task> resolve(String name) {
        Task cached = this.tasks.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        String target = this.aliases.getOrDefault(name, name);
        int dot = target.lastIndexOf('.');
        if (target.contains("::") || dot <= 0 || dot == target.length() - 1) {
            return Optional.empty();
        }
        String beanName = target.substring(0, dot);
        if (!this.beanFactory.containsBean(beanName)) {
            return Optional.empty();
        }
        Task task = build(name, beanName, target.substring(dot + 1));
        Task raced = this.tasks.putIfAbsent(name, task);
        return Optional.of(raced != null ? raced : task);
    }

    private Task build(String name, String beanName, String methodName) {
        if (!this.beanFactory.isSingleton(beanName)) {
            throw new UnknownTaskException(name, "task '" + name + "': bean '" + beanName
                    + "' is not a singleton; only methods of singleton beans can be tasks");
        }
        Class<?> type = this.beanFactory.getType(beanName);
        if (type == null) {
            throw new UnknownTaskException(name, "task '" + name + "': the type of bean '" + beanName + "' is unknown");
        }
        Class<?> userClass = ClassUtils.getUserClass(type);
        checkAllowedBeforeLookup(name, beanName, userClass, methodName);
        Method method = findMethod(name, beanName, userClass, methodName);
        checkAllowed(name, beanName, userClass, method);
        Object bean = this.beanFactory.getBean(beanName);
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        return MethodTask.of(name, bean, invocable, false, this.mapper);
    }

    /**
     * Finds the one method a bean task name refers to.
     *
     * @param name the task name, for messages
     * @param beanName the bean's name, for messages
     * @param type the bean's user class (not a CGLIB subclass)
     * @param methodName the method's name
     * @return the method
     * @throws UnknownTaskException when there is no qualifying method of that name, or several (overloads)
     */
    public static Method findMethod(String name, String beanName, Class<?> type, String methodName) {
        List<Method> candidates = new ArrayList<>();
        ReflectionUtils.doWithMethods(type, candidates::add, (method) -> method.getName().equals(methodName)
                && !method.isBridge() && !method.isSynthetic() && method.getDeclaringClass() != Object.class);
        List<Method> distinct = candidates.stream().filter((m) -> !isOverridden(m, candidates)).toList();
        if (distinct.size() > 1) {
            throw new UnknownTaskException(name, "task '" + name + "': bean '" + beanName + "' (" + type.getName()
                    + ") has " + distinct.size() + " methods named '" + methodName
                    + "'; a task method must not be overloaded");
        }
        Method method = distinct.isEmpty() ? null : distinct.get(0);
        if (method == null || Modifier.isStatic(method.getModifiers()) || !qualifies(method)) {
            throw new UnknownTaskException(name, "task '" + name + "': bean '" + beanName + "' (" + type.getName()
                    + ") has no " + (method == null ? "" : "usable ") + "method '" + methodName + "'; a bean task names"
                    + " a public (or @ScheduledJob/@KairosTask) instance method as beanName.methodName");
        }
        return method;
    }

    /**
     * The trust check, made before the method is looked up so that a bean outside the allowed packages gets the same
     * {@link TaskNotAllowedException} whatever its methods look like ({@code environment.getProperty}, which is
     * overloaded, as {@code dataSource.getConnection}). Methods of that name exist and none is annotated: the bean's
     * class, or the classes declaring every one of them, must lie in the allowed packages. A name with no such method
     * is left to {@link #findMethod} (an {@link UnknownTaskException}).
     */
    private void checkAllowedBeforeLookup(String name, String beanName, Class<?> type, String methodName) {
        List<Method> candidates = new ArrayList<>();
        ReflectionUtils.doWithMethods(type, candidates::add, (method) -> method.getName().equals(methodName)
                && !method.isBridge() && !method.isSynthetic() && method.getDeclaringClass() != Object.class);
        if (candidates.isEmpty() || candidates.stream().anyMatch(BeanMethodTaskResolver::hasAnnotation)) {
            return;
        }
        if (!this.allowedPackages.allows(type)) {
            throw notAllowed(name, beanName, type, null);
        }
        if (candidates.stream().noneMatch((method) -> this.allowedPackages.allows(method.getDeclaringClass()))) {
            throw notAllowed(name, beanName, type, candidates.get(0));
        }
    }

    private void checkAllowed(String name, String beanName, Class<?> type, Method method) {
        if (hasAnnotation(method) || (this.allowedPackages.allows(type) && this.allowedPackages.allows(method.getDeclaringClass()))) {
            return;
        }
        throw notAllowed(name, beanName, type, this.allowedPackages.allows(type) ? method : null);
    }

    /** {@code method} is the method declared outside the allowed packages, {@code null} when the bean's class is. */
    private TaskNotAllowedException notAllowed(String name, String beanName, Class<?> type, @Nullable Method method) {
        String where = method == null ? "the bean's class '" + type.getName() + "' is"
                : "method '" + method.getName() + "' is declared by '" + method.getDeclaringClass().getName() + "', which is";
        return new TaskNotAllowedException(name, "task '" + name + "' is not allowed: bean '" + beanName + "' exists, but "
                + where + " outside the allowed task packages "
                + (this.allowedPackages.isEmpty() ? "(none)" : this.allowedPackages.toString()) + " and the method is not"
                + " annotated with @KairosTask or @ScheduledJob. Annotate the method with @KairosTask, or add its package"
                + " to kairos.tasks.allowed-packages");
    }

    private static boolean qualifies(Method method) {
        return Modifier.isPublic(method.getModifiers()) || hasAnnotation(method);
    }

    private static boolean hasAnnotation(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, KairosTask.class)
                || AnnotatedElementUtils.hasAnnotation(method, ScheduledJob.class)
                || AnnotatedElementUtils.hasAnnotation(method, ScheduledJobs.class);
    }

    private static boolean isOverridden(Method method, List<Method> all) {
        for (Method other : all) {
            if (other != method && method.getDeclaringClass().isAssignableFrom(other.getDeclaringClass())
                    && other.getDeclaringClass() != method.getDeclaringClass()
                    && java.util.Arrays.equals(other.getParameterTypes(), method.getParameterTypes())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "BeanMethodTaskResolver[" + this.tasks.size() + " resolved, aliases " + this.aliases.keySet() + "]";
    }
}
