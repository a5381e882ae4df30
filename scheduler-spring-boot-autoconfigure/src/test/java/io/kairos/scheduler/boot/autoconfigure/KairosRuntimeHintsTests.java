package io.kairos.scheduler.boot.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.kairos.scheduler.boot.annotation.KairosTask;
import io.kairos.scheduler.boot.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KairosRuntimeHints}: every script the core jar ships is covered, the registrar is found through
 * {@code aot.factories}, and methods carrying Kairos annotations are registered for invocation.
 */
class KairosRuntimeHintsTests {

    private static final String[] SHIPPED_SCRIPTS = { "classpath*:io/kairos/scheduler/store/**/*.sql",
            "classpath*:io/kairos/scheduler/store/**/*.lua", "classpath*:db/changelog/kairos/**/*",
            "classpath*:db/migration/kairos/**/*.sql" };

    @Test
    void registrarIsListedInAotFactories() {
        List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
            .forResourceLocation("META-INF/spring/aot.factories")
            .load(RuntimeHintsRegistrar.class);
        assertThat(registrars).hasAtLeastOneElementOfType(KairosRuntimeHints.class);
    }

    @Test
    void everyShippedScriptIsARegisteredResource() throws IOException {
        RuntimeHints hints = new RuntimeHints();
        new KairosRuntimeHints().registerHints(hints, getClass().getClassLoader());
        List<String> scripts = shippedScripts();
        assertThat(scripts).as("scripts found in the core jar")
            .anyMatch((path) -> path.endsWith(".lua"))
            .anyMatch((path) -> path.startsWith("io/kairos/scheduler/store/jdbc/schema-"))
            .anyMatch((path) -> path.startsWith("io/kairos/scheduler/store/jdbc/runs-"))
            .anyMatch((path) -> path.startsWith("db/migration/kairos/"))
            .anyMatch((path) -> path.startsWith("db/changelog/kairos/"));
        assertThat(scripts).allSatisfy((path) -> assertThat(RuntimeHintsPredicates.resource().forResource(path))
            .as("resource hint for %s", path)
            .accepts(hints));
    }

    @Test
    void annotatedTaskMethodsAreRegisteredForInvocation() {
        RuntimeHints hints = new RuntimeHints();
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, Reports.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reports.class, "nightly")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reports.class, "twiceADay")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reports.class, "rebuild")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reports.class, "helper")).rejects(hints);
    }

    private static List<String> shippedScripts() throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<String> paths = new ArrayList<>();
        for (String pattern : SHIPPED_SCRIPTS) {
            for (Resource resource : resolver.getResources(pattern)) {
                if (resource.isReadable()) {
                    String url = resource.getURL().toString();
                    paths.add(url.substring(url.indexOf(rootOf(pattern))));
                }
            }
        }
        return paths;
    }

    private static String rootOf(String pattern) {
        String path = pattern.substring("classpath*:".length());
        return path.substring(0, path.indexOf('*'));
    }

    static class Reports {

        @ScheduledJob(id = "nightly", cron = "@daily")
        public void nightly() {
        }

        @ScheduledJob(id = "morning", cron = "0 8 * * *")
        @ScheduledJob(id = "evening", cron = "0 20 * * *")
        public void twiceADay() {
        }

        @KairosTask("reports.rebuild")
        public void rebuild() {
        }

        public void helper() {
        }

    }

}
