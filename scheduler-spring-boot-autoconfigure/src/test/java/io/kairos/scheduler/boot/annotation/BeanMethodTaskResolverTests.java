package io.kairos.scheduler.boot.annotation;

import java.util.List;
import java.util.Map;

import io.kairos.scheduler.task.AllowedPackages;
import io.kairos.scheduler.task.InvalidJobArgumentsException;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.TaskNotAllowedException;
import io.kairos.scheduler.task.UnknownTaskException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BeanMethodTaskResolverTests {

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

    private BeanMethodTaskResolver resolver;

    BeanMethodTaskResolverTests() {
        this.context.registerBean("orders", Orders.class);
        this.context.registerBean("perRequest", PerRequest.class);
        this.context.registerBean("library", java.util.ArrayList.class);
        this.context.registerBean("inheriting", Inheriting.class);
        this.context.refresh();
        this.resolver = resolver(AllowedPackages.of(List.of(BeanMethodTaskResolverTests.class.getPackageName())));
    }

    private BeanMethodTaskResolver resolver(AllowedPackages packages) {
        return new BeanMethodTaskResolver(this.context.getBeanFactory(), JsonMapper.shared(), packages);
    }

    @AfterEach
    void close() {
        this.context.close();
    }

    @Test
    void publicBeanMethodResolvesAndConvertsArguments() throws Exception {
        Task task = this.resolver.resolve("orders.cancel").orElseThrow();
        assertThat(task.name()).isEqualTo("orders.cancel");
        assertThat(task.hasStableName()).isTrue();
        assertThat(task.isPortable()).isFalse();
        assertThat(task.invoke(List.of(42, true), Map.of())).isEqualTo("cancelled 42 (notify=true)");
        assertThat(task.invoke(List.of(), Map.of("orderId", 7, "notify", false))).isEqualTo("cancelled 7 (notify=false)");
        assertThat(this.resolver.resolve("orders.cancel")).containsSame(task);
    }

    @Test
    void argumentsThatDoNotFitAreRejectedByCheckArguments() {
        Task task = this.resolver.resolve("orders.cancel").orElseThrow();
        assertThatExceptionOfType(InvalidJobArgumentsException.class)
            .isThrownBy(() -> task.checkArguments(List.of("not a number", true), Map.of()));
    }

    @Test
    void annotatedNonPublicMethodResolvesUnderNameAndAlias() throws Exception {
        this.resolver.registerAlias("purge-sessions", "orders", "purge");
        assertThat(this.resolver.resolve("orders.purge").orElseThrow().invoke(List.of(), Map.of())).isEqualTo("purged");
        assertThat(this.resolver.resolve("purge-sessions").orElseThrow().invoke(List.of(), Map.of())).isEqualTo("purged");
    }

    @Test
    void publicMethodsOfBeansOutsideTheAllowedPackagesAreRefused() {
        assertThatExceptionOfType(TaskNotAllowedException.class).isThrownBy(() -> this.resolver.resolve("library.clear"))
            .withMessageStartingWith("task 'library.clear' is not allowed: bean 'library' exists, but the bean's class"
                    + " 'java.util.ArrayList' is outside the allowed task packages [" + getClass().getPackageName() + "]")
            .withMessageContaining("Annotate the method with @KairosTask, or add its package to kairos.tasks.allowed-packages")
            .satisfies((ex) -> assertThat(ex.taskName()).isEqualTo("library.clear"));
    }

    @Test
    void anOverloadedMethodOfABeanOutsideTheAllowedPackagesIsRefusedAsNotAllowedNotAsOverloaded() {
        assertThatExceptionOfType(TaskNotAllowedException.class).isThrownBy(() -> this.resolver.resolve("library.remove"))
            .withMessageStartingWith("task 'library.remove' is not allowed: bean 'library' exists, but the bean's class"
                    + " 'java.util.ArrayList' is outside the allowed task packages")
            .withMessageNotContaining("overloaded");
        assertThatExceptionOfType(TaskNotAllowedException.class).isThrownBy(() -> this.resolver.resolve("inheriting.remove"))
            .withMessageContaining("method 'remove' is declared by 'java.util.ArrayList', which is outside the allowed"
                    + " task packages");
    }

    @Test
    void aPublicMethodInheritedFromAClassOutsideTheAllowedPackagesIsRefused() throws Exception {
        assertThat(this.resolver.resolve("inheriting.own").orElseThrow().invoke(List.of(), Map.of())).isEqualTo("own");
        assertThatExceptionOfType(TaskNotAllowedException.class).isThrownBy(() -> this.resolver.resolve("inheriting.clear"))
            .withMessageContaining("method 'clear' is declared by 'java.util.ArrayList', which is outside the allowed"
                    + " task packages");
    }

    @Test
    void withoutAllowedPackagesOnlyAnnotatedMethodsResolve() throws Exception {
        BeanMethodTaskResolver annotatedOnly = resolver(AllowedPackages.NONE);
        assertThat(annotatedOnly.resolve("orders.purge").orElseThrow().invoke(List.of(), Map.of())).isEqualTo("purged");
        assertThatExceptionOfType(TaskNotAllowedException.class).isThrownBy(() -> annotatedOnly.resolve("orders.cancel"))
            .withMessageContaining("outside the allowed task packages (none)");
    }

    @Test
    void namesThatAreNotBeanMethodsAreLeftToOtherResolvers() {
        assertThat(this.resolver.resolve("com.acme.PurgeJob")).isEmpty();
        assertThat(this.resolver.resolve("com.acme.Jobs::purge")).isEmpty();
        assertThat(this.resolver.resolve("nodot")).isEmpty();
    }

    @Test
    void beanWithoutSuchMethodIsAnUnknownTaskNamingTheBean() {
        assertThatExceptionOfType(UnknownTaskException.class).isThrownBy(() -> this.resolver.resolve("orders.missing"))
            .withMessageContaining("bean 'orders'")
            .withMessageContaining("'missing'")
            .satisfies((ex) -> assertThat(ex.taskName()).isEqualTo("orders.missing"));
        assertThatExceptionOfType(UnknownTaskException.class).isThrownBy(() -> this.resolver.resolve("orders.hidden"))
            .withMessageContaining("no usable method 'hidden'");
    }

    @Test
    void overloadedAndStaticMethodsAreRefused() {
        assertThatExceptionOfType(UnknownTaskException.class).isThrownBy(() -> this.resolver.resolve("orders.notify"))
            .withMessageContaining("has 2 methods named 'notify'");
        assertThatExceptionOfType(UnknownTaskException.class).isThrownBy(() -> this.resolver.resolve("orders.util"))
            .withMessageContaining("no usable method 'util'");
    }

    @Test
    void prototypeBeansAreRefused() {
        assertThatExceptionOfType(UnknownTaskException.class).isThrownBy(() -> this.resolver.resolve("perRequest.run"))
            .withMessageContaining("not a singleton");
    }

    @Test
    void aliasTakenByAnotherMethodIsRefused() {
        this.resolver.registerAlias("x", "orders", "purge");
        this.resolver.registerAlias("x", "orders", "purge");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> this.resolver.registerAlias("x", "orders", "cancel"));
    }

    public static class Orders {

        public String cancel(long orderId, boolean notify) {
            return "cancelled " + orderId + " (notify=" + notify + ")";
        }

        @KairosTask
        String purge() {
            return "purged";
        }

        String hidden() {
            return "hidden";
        }

        public void notify(String who) {
        }

        public void notify(String who, String what) {
        }

        public static void util() {
        }
    }

    public static class Inheriting extends java.util.ArrayList<String> {

        public String own() {
            return "own";
        }
    }

    @Scope("prototype")
    public static class PerRequest {

        public void run() {
        }
    }
}
