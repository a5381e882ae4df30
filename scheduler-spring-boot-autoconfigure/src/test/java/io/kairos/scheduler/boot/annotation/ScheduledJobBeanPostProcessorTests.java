package io.kairos.scheduler.boot.annotation;

import java.util.Map;

import io.kairos.scheduler.boot.ScheduledJobDeclarationException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScheduledJobBeanPostProcessorTests {

    @Test
    void collectsDeclarationsAndAliasesWithPlaceholdersResolved() {
        try (AnnotationConfigApplicationContext context = context(Reports.class)) {
            ScheduledJobBeanPostProcessor processor = context.getBean(ScheduledJobBeanPostProcessor.class);
            // the order between methods is the JVM's reflection order, which the JVM does not specify
            assertThat(processor.declarations()).extracting(ScheduledJobDefinition::id)
                .containsExactlyInAnyOrder("reports.nightly", "reports.everyFiveMinutes", "reports.everyFiveMinutes#1");
            ScheduledJobDefinition nightly = processor.declarations().stream()
                .filter((definition) -> definition.id().equals("reports.nightly")).findFirst().orElseThrow();
            assertThat(nightly.triggerSpec()).containsEntry("expression", "0 3 * * *");
            assertThat(nightly.source()).isEqualTo(Reports.class.getName() + ".nightly() (bean 'reports')");
            assertThat(processor.taskAliases()).containsExactly(Map.entry("rebuild-index", "reports.rebuild"));
        }
    }

    @Test
    void duplicateIdFailsNamingBothMethods() {
        assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context(DuplicateIds.class))
            .havingRootCause()
            .isInstanceOf(ScheduledJobDeclarationException.class)
            .withMessageContaining("attribute 'id' (value 'same') is also the id of the job declared on")
            .withMessageContaining("DuplicateIds.first()")
            .withMessageContaining("DuplicateIds.second()");
    }

    @Test
    void methodWithParametersIsRefused() {
        assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context(WithParameters.class))
            .havingRootCause()
            .isInstanceOf(ScheduledJobDeclarationException.class)
            .withMessageContaining("WithParameters.run()")
            .withMessageContaining("takes parameters");
    }

    @Test
    void overloadedMethodIsRefused() {
        assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context(Overloaded.class))
            .havingCause()
            .isInstanceOf(ScheduledJobDeclarationException.class)
            .withMessageContaining("cannot be a task")
            .withMessageContaining("has 2 methods named 'run'");
    }

    private static AnnotationConfigApplicationContext context(Class<?> bean) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.setEnvironment(new MockEnvironment().withProperty("reports.cron", "0 3 * * *"));
        context.registerBean(ScheduledJobBeanPostProcessor.class);
        context.registerBean(beanName(bean), bean);
        context.refresh();
        return context;
    }

    private static String beanName(Class<?> type) {
        String simple = type.getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    static class Reports {

        @ScheduledJob(cron = "${reports.cron}")
        void nightly() {
        }

        @ScheduledJob(interval = "5m")
        @ScheduledJob(interval = "5m", startDate = "2030-01-01")
        void everyFiveMinutes() {
        }

        @KairosTask("rebuild-index")
        public void rebuild(String index) {
        }
    }

    static class DuplicateIds {

        @ScheduledJob(interval = "1m", id = "same")
        void first() {
        }

        @ScheduledJob(interval = "2m", id = "same")
        void second() {
        }
    }

    static class WithParameters {

        @ScheduledJob(interval = "1m")
        void run(String what) {
        }
    }

    static class Overloaded {

        @ScheduledJob(interval = "1m")
        public void run() {
        }

        public void run(String what) {
        }
    }
}
