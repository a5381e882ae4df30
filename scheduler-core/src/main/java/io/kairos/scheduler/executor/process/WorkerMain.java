package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.executor.process.WorkerProtocol.RunRequest;
import io.kairos.scheduler.executor.process.WorkerProtocol.WorkerMessage;
import io.kairos.scheduler.task.AllowedPackages;
import io.kairos.scheduler.task.TaskRegistry;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.jspecify.annotations.Nullable;


/**
 * The main class of a process-pool worker JVM. Not for direct use: {@link ProcessPool} starts it with the
 * parent's Java and class path.
 *
 * <p>Its arguments are the allowed task packages ({@link AllowedPackages}): the worker resolves task names as the
 * scheduler does, to {@code TaskProvider} tasks and to static methods and classes under those packages only, so a
 * task name that reaches a worker is held to the same rule as one read from a job store.
 *
 * <p>At start it keeps the real stdout for the protocol ({@link WorkerProtocol}) and points {@code System.out}
 * at stderr, so whatever user code prints cannot corrupt the protocol (the parent logs stderr). It then reads
 * run requests from stdin, one at a time, resolves each task by name in this JVM, runs it on the main thread
 * and writes the reply. End of stdin (the parent closed the pipe or died) makes the worker exit with status 0,
 * even in the middle of a job. An {@link OutOfMemoryError} in any thread halts it with
 * {@link #EXIT_OUT_OF_MEMORY}.
 */
public final class WorkerMain {

    /** Exit status of a worker that ran out of memory (any {@link OutOfMemoryError}, in any thread). */
    public static final int EXIT_OUT_OF_MEMORY = 99;

    /** Exit status of a worker that received a line it could not read (a bug, never user code). */
    public static final int EXIT_PROTOCOL_ERROR = 98;

    private WorkerMain() {
    }

    /**
     * Runs the worker until stdin ends.
     *
     * @param args the allowed task packages, e.g. {@code com.acme}
     * @throws IllegalArgumentException when an argument is not a package name (the worker exits before it is ready)
     */
    public static void main(String[] args) {
        PrintStream err = System.err;
        Writer protocol = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        System.setOut(err);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                haltOutOfMemory(error);
            }
            err.println("Exception in thread \"" + thread.getName() + "\"");
            error.printStackTrace(err);
        });
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readRequests(requests), "kairos-worker-stdin");
        reader.setDaemon(true);
        TaskRegistry tasks = TaskRegistry.withServiceLoaderProviders(WorkerMain.class.getClassLoader())
                .allowPackages(args);
        try {
            send(protocol, WorkerProtocol.write(WorkerMessage.readyMessage(ProcessHandle.current().pid())));
            reader.start();
            while (true) {
                RunRequest request = read(requests.take());
                send(protocol, run(tasks, request));
            }
        } catch (OutOfMemoryError e) {
            haltOutOfMemory(e);
        } catch (java.io.IOException | InterruptedException e) {
            err.println("kairos worker: protocol stream failed: " + e);
        }
        System.exit(0);
    }

    /** Reads stdin on its own thread, so that its end stops the worker even in the middle of a job. */
    private static void readRequests(BlockingQueue<String> requests) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                requests.add(line);
            }
        } catch (java.io.IOException e) {
            System.err.println("kairos worker: cannot read stdin: " + e);
        }
        System.exit(0);
    }

    private static RunRequest read(String line) {
        try {
            return WorkerProtocol.readRequest(line);
        } catch (RuntimeException e) {
            System.err.println("kairos worker: cannot read request line " + line + ": " + e);
            Runtime.getRuntime().halt(EXIT_PROTOCOL_ERROR);
            throw e;
        }
    }

    /** Runs a request and returns the reply line: the result, or the error when the task threw. */
    private static String run(TaskRegistry tasks, RunRequest request) {
        @Nullable Object result;
        try {
            result = tasks.resolve(request.task()).invoke(request.args(), request.kwargs());
        } catch (OutOfMemoryError e) {
            haltOutOfMemory(e);
            throw e;
        } catch (Throwable e) {
            return WorkerProtocol.write(WorkerMessage.error(request.run(), e));
        }
        try {
            return WorkerProtocol.write(WorkerMessage.result(request.run(), result));
        } catch (RuntimeException e) {
            return WorkerProtocol.write(WorkerMessage.error(request.run(), new IllegalStateException("task "
                    + request.task() + " returned a " + (result == null ? "null" : result.getClass().getName())
                    + " that cannot be written as JSON: " + e.getMessage(), e)));
        }
    }

    private static void send(Writer protocol, String line) throws java.io.IOException {
        protocol.write(line);
        protocol.write('\n');
        protocol.flush();
    }

    private static void haltOutOfMemory(Throwable error) {
        try {
            System.err.println("kairos worker: " + error + "; exiting with status " + EXIT_OUT_OF_MEMORY);
        } finally {
            Runtime.getRuntime().halt(EXIT_OUT_OF_MEMORY);
        }
    }
}
