package io.kairos.scheduler.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database server started for one test only, on a free port, with its files in a temporary directory, so that
 * the test can stop and start it without touching the shared servers on 5432/6379. {@link #close()} stops it
 * and deletes the directory. Not thread-safe.
 */
abstract class PrivateServer implements AutoCloseable {

    final Path directory;

    final int port;

    PrivateServer(String name) throws IOException {
        this.directory = Files.createTempDirectory("kairos-" + name + "-");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    /** Starts the server and waits until it accepts connections. */
    abstract void start() throws IOException, InterruptedException;

    /** Stops the server as a crash would (no clean shutdown) and waits until it is gone. */
    abstract void crash() throws IOException, InterruptedException;

    /** The store options of {@link ClusterStores} for a store on this server. */
    abstract java.util.Map<String, String> storeOptions(String suffix);

    /**
     * Crashes the server (if up) and deletes its directory; an interrupt is passed on.
     */
    @Override
    public void close() throws IOException {
        try {
            crash();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            try (Stream<Path> files = Files.walk(this.directory)) {
                files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
            }
        }
    }

    /**
     * Runs a command to its end.
     *
     * @return its output
     * @throws IOException when it exits non-zero (the message holds the output) or does not end in 60 s
     */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    static boolean isRoot() {
        try {
            return run(List.of("id", "-u")).trim().equals("0");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
