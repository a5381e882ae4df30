package io.kairos.scheduler.executor.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The command line: {@code <java> <jvm arguments> -cp <class path> WorkerMain}.
     *
     * @param options the pool's options
     * @return the command and its arguments
     */
    static List<String> of(ProcessPoolOptions options) {
        List<String> command = new ArrayList<>();
        command.add(options.javaCommand());
        command.addAll(options.jvmArguments());
        command.add("-cp");
        command.add(options.classPath());
        command.add(WorkerMain.class.getName());
        return command;
    }
}
