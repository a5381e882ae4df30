package io.kairos.scheduler.executor.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.kairos.scheduler.task.AllowedPackages;

/** Builds the command line of a worker JVM from the pool's options. */
final class WorkerCommand {

    private WorkerCommand() {
    }

    /**
     * The Java launcher of the running JVM: {@code ${java.home}/bin/java}, else the current process's command.
     *
     * @return the path of the {@code java} executable
     * @throws IllegalStateException when neither can be found
     */
    static String currentJava() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException(
                "cannot find the java executable for process-pool workers: " + java + " is missing and the"
                        + " current process reports no command; set the executor's java-command"));
    }

    /** The launcher of Spring Boot executable jars that takes its main class from {@code loader.main}. */
    static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    /**
     * The command line: {@code <java> <jvm arguments> -cp <class path> WorkerMain <allowed task packages>}. When the class path is a
     * single Spring Boot executable jar (the application runs with {@code java -jar app.jar}, its classes and
     * libraries nested under {@code BOOT-INF/}), the worker starts through Spring Boot's
     * {@code PropertiesLauncher} with {@code -Dloader.main=WorkerMain}, so that it sees the same classes.
     *
     * @param options the pool's options
     * @param taskPackages the allowed task packages, passed to {@link WorkerMain} as its arguments
     * @return the command and its arguments
     */
    static List<String> of(ProcessPoolOptions options, AllowedPackages taskPackages) {
        List<String> command = new ArrayList<>();
        command.add(options.javaCommand());
        command.addAll(options.jvmArguments());
        if (isSpringBootJar(options.classPath())) {
            command.add("-Dloader.main=" + WorkerMain.class.getName());
            command.add("-cp");
            command.add(options.classPath());
            command.add(BOOT_LAUNCHER);
        } else {
            command.add("-cp");
            command.add(options.classPath());
            command.add(WorkerMain.class.getName());
        }
        command.addAll(taskPackages.packages());
        return command;
    }

    /**
     * Whether a class path is one Spring Boot executable jar: a single {@code .jar} whose manifest has
     * {@code Spring-Boot-Classes}.
     *
     * @param classPath the class path
     * @return {@code true} for a Spring Boot executable jar; {@code false} otherwise or when it cannot be read
     */
    static boolean isSpringBootJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar") || !Files.isRegularFile(Path.of(classPath))) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Classes") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
