package io.kairos.sample.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The packaged sample app ({@code -Dsample.jar}, set by failsafe) running as a separate JVM, its output in a log
 * file. {@link #close()} kills it; call it in a finally block (or try-with-resources).
 */
public final class AppProcess implements AutoCloseable {

    private static final Pattern TIMEOUT_RUN = Pattern.compile("order-timeout run: order=(\\d+) outcome=(\\w+) scheduler=(\\S+)");

    private final Process process;

    private final Path log;

    private final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the packaged app on a free port and waits until its health endpoint answers (at most 90 s).
     *
     * @param log where its standard output and error go (appended)
     * @param args Spring Boot arguments, e.g. {@code --orders.payment-timeout=5s}
     * @return the running app
     */
    public static AppProcess start(Path log, String... args) {
        return start(log, List.of(), args);
    }

    /**
     * Starts the packaged app with extra JVM options on a free port and waits until its health endpoint answers
     * (at most 90 s).
     *
     * @param log where its standard output and error go (appended)
     * @param jvmOptions options placed before {@code -jar}, e.g. {@code -Dspring.aot.enabled=true}
     * @param args Spring Boot arguments, e.g. {@code --orders.payment-timeout=5s}
     * @return the running app
     */
    public static AppProcess start(Path log, List<String> jvmOptions, String... args) {
        String jar = System.getProperty("sample.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("-Dsample.jar must name the packaged app (failsafe sets it), got " + jar);
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar, "--server.port=" + port));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        AppProcess app = new AppProcess(process, log, port);
        try {
            ShopClient client = app.client();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the app exited with " + process.exitValue() + "; see " + log);
                }
                return client.get("/actuator/health").status() == 200;
            });
        }
        catch (RuntimeException | Error ex) {
            app.close();
            throw ex;
        }
        return app;
    }

    /**
     * A client for this app.
     *
     * @return the client
     */
    public ShopClient client() {
        return new ShopClient(this.port);
    }

    /** Kills the process with SIGKILL (no shutdown hooks run) and waits for it to end. */
    public void kill() {
        this.process.destroyForcibly();
        try {
            this.process.waitFor();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The {@code order-timeout run} lines logged so far.
     *
     * @return one {@code [orderId, outcome, schedulerId]} per run, in log order
     */
    public List<String[]> timeoutRuns() {
        return timeoutRuns(this.log);
    }

    /**
     * The {@code order-timeout run} lines of a log file.
     *
     * @param log the file
     * @return one {@code [orderId, outcome, schedulerId]} per run, in log order
     */
    public static List<String[]> timeoutRuns(Path log) {
        List<String[]> runs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = TIMEOUT_RUN.matcher(line);
                if (m.find()) {
                    runs.add(new String[] { m.group(1), m.group(2), m.group(3) });
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return runs;
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
