package io.kairos.scheduler.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The resources Kairos reads at run time, declared for Spring AOT and GraalVM native images: the JDBC schema
 * scripts (read when a store creates its table), the Redis stores' Lua scripts (loaded when a store starts), and
 * the Liquibase changelog and Flyway migrations shipped for users' own migration runs.
 *
 * <p>Methods annotated with {@link io.kairos.scheduler.boot.annotation.ScheduledJob} or
 * {@link io.kairos.scheduler.boot.annotation.KairosTask} need no entry here: both annotations are
 * {@link org.springframework.aot.hint.annotation.Reflective}, so Spring registers their beans' methods for
 * invocation. Tasks named by class and method in a store ({@code com.acme.Reports::nightly}) are looked up by
 * reflection and are not covered: in a native image, register such classes yourself or declare the tasks with
 * {@code @KairosTask}. The process-pool executor starts JVM worker processes and has no native form.
 *
 * <p>Registered through {@code META-INF/spring/aot.factories}.
 */
class KairosRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources()
            .registerPattern("io/kairos/scheduler/store/jdbc/*.sql")
            .registerPattern("io/kairos/scheduler/store/redis/*.lua")
            .registerPattern("db/changelog/kairos/*")
            .registerPattern("db/migration/kairos/*/*.sql");
    }

}
