package io.kairos.scheduler.boot.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kairos.scheduler.boot.ScheduledJobDeclarationException;
import io.kairos.scheduler.task.UnknownTaskException;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.StringValueResolver;

/**
 * Collects {@link ScheduledJob} declarations and {@link KairosTask} aliases from beans as they are initialized (as
 * Spring's {@code ScheduledAnnotationBeanPostProcessor} does for {@code @Scheduled}). It writes nothing to a store:
 * the scheduler's start-up synchronizes the collected {@link #declarations()} with the stores.
 *
 * <p>Checks made here, each failing start-up with a {@link ScheduledJobDeclarationException} naming the method:
 * one trigger form per annotation and well-formed attributes (see {@link ScheduledJobParser}); the method takes no
 * parameters and can be a task ({@link BeanMethodTaskResolver#findMethod}: not static, not overloaded); the bean is a singleton; no two declarations share a job id.
 *
 * <p>Thread-safe: beans may be initialized concurrently (background bootstrap).
 */
public class ScheduledJobBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware, EmbeddedValueResolverAware,
        Ordered {

    private final Map<String, ScheduledJobDefinition> declarations = new LinkedHashMap<>();

    private final Map<String, String> aliases = new LinkedHashMap<>();

    private @Nullable BeanFactory beanFactory;

    private @Nullable ScheduledJobParser parser;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.parser = new ScheduledJobParser(resolver);
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> type = AopUtils.getTargetClass(bean);
        if (!AnnotationUtils.isCandidateClass(type, List.of(ScheduledJob.class, ScheduledJobs.class, KairosTask.class))) {
            return bean;
        }
        Map<Method, Set<ScheduledJob>> jobs = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<Set<ScheduledJob>>) (method) -> {
                    Set<ScheduledJob> found = AnnotatedElementUtils.getMergedRepeatableAnnotations(method,
                            ScheduledJob.class, ScheduledJobs.class);
                    return found.isEmpty() ? null : found;
                });
        Map<Method, KairosTask> tasks = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<KairosTask>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, KairosTask.class));
        jobs.forEach((method, annotations) -> declare(beanName, type, method, List.copyOf(annotations)));
        tasks.forEach((method, task) -> alias(beanName, type, method, task));
        return bean;
    }

    private void declare(String beanName, Class<?> type, Method method, List<ScheduledJob> annotations) {
        String source = describe(type, method, beanName);
        checkMethod(beanName, type, method, source);
        if (method.getParameterCount() != 0) {
            throw new ScheduledJobDeclarationException(source, null, null, "takes parameters",
                    "A declared job calls its method without arguments; remove the parameters, or add the job at run "
                            + "time with JobScheduler.addJob and give it args",
                    null);
        }
        ScheduledJobParser parser = parser();
        List<ScheduledJobDefinition> parsed = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i++) {
            parsed.add(parser.parse(annotations.get(i), beanName, method.getName(), i, source));
        }
        synchronized (this.declarations) {
            for (ScheduledJobDefinition definition : parsed) {
                ScheduledJobDefinition other = this.declarations.putIfAbsent(definition.id(), definition);
                if (other != null) {
                    throw new ScheduledJobDeclarationException(source, "id", definition.id(),
                            "is also the id of the job declared on " + other.source(),
                            "Give each @ScheduledJob its own id", null);
                }
            }
        }
    }

    private void alias(String beanName, Class<?> type, Method method, KairosTask task) {
        String source = describe(type, method, beanName);
        checkMethod(beanName, type, method, source);
        String alias = task.value().isBlank() ? null : task.value().trim();
        if (alias == null) {
            return;
        }
        String target = beanName + "." + method.getName();
        synchronized (this.aliases) {
            String other = this.aliases.putIfAbsent(alias, target);
            if (other != null && !other.equals(target)) {
                throw new ScheduledJobDeclarationException(source, "@KairosTask.value", alias,
                        "is also the task name of " + other, "Give each @KairosTask its own name", null);
            }
        }
    }

    private void checkMethod(String beanName, Class<?> type, Method method, String source) {
        String task = beanName + "." + method.getName();
        try {
            BeanMethodTaskResolver.findMethod(task, beanName, type, method.getName());
        }
        catch (UnknownTaskException ex) {
            throw new ScheduledJobDeclarationException(source, null, null, "cannot be a task: " + ex.getMessage(),
                    "Task methods are instance methods with a name unique in their bean class; for a static method add "
                            + "a job for the task '" + type.getName() + "::" + method.getName() + "' at run time",
                    ex);
        }
        if (this.beanFactory instanceof ConfigurableListableBeanFactory factory && factory.containsBeanDefinition(beanName)
                && !factory.isSingleton(beanName)) {
            throw new ScheduledJobDeclarationException(source, null, null, "belongs to a bean that is not a singleton",
                    "Declare jobs and tasks on singleton beans only", null);
        }
    }

    private ScheduledJobParser parser() {
        if (this.parser == null) {
            throw new IllegalStateException("no embedded value resolver was set");
        }
        return this.parser;
    }

    /**
     * The declarations collected so far, in the order beans were initialized.
     *
     * @return an immutable snapshot
     */
    public List<ScheduledJobDefinition> declarations() {
        synchronized (this.declarations) {
            return List.copyOf(this.declarations.values());
        }
    }

    /**
     * The {@link KairosTask} aliases collected so far.
     *
     * @return an immutable snapshot, alias to {@code beanName.methodName}
     */
    public Map<String, String> taskAliases() {
        synchronized (this.aliases) {
            return Map.copyOf(this.aliases);
        }
    }

    private static String describe(Class<?> type, Method method, String beanName) {
        return type.getName() + "." + method.getName() + "() (bean '" + beanName + "')";
    }
}
