package io.kairos.scheduler.task;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A class compiled without {@code -parameters}, loaded through a registry's configured class loader: named
 * arguments cannot be matched, and the error says why.
 */
class ParameterNamesTests {

    @Test
    void namedArgumentsNeedCompiledParameterNames(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("acme/Legacy.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package acme; public class Legacy {"
                + " public static long twice(long orderId) { return orderId * 2; } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", dir.toString(), source.toString())).isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, getClass().getClassLoader())) {
            TaskRegistry registry = new TaskRegistry(loader, JobArguments.defaultMapper()).allowPackages("acme");
            Task task = registry.resolve("acme.Legacy::twice");
            assertThat(task.invoke(List.of(21), Map.of())).isEqualTo(42L);
            assertThatThrownBy(() -> task.checkArguments(List.of(), Map.of("orderId", 21)))
                    .isInstanceOf(InvalidJobArgumentsException.class)
                    .hasMessage("task 'acme.Legacy::twice' expects (long arg0); got named arguments [orderId] but"
                            + " the parameter names were not compiled into the class (they read arg0, arg1, ...);"
                            + " compile with 'javac -parameters' or give the arguments positionally");
        }
    }
}
