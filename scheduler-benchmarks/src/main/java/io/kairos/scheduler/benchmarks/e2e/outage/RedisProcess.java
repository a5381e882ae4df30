package io.kairos.scheduler.benchmarks.e2e.outage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code redis-server} of the benchmark's own, as a child process on a free loopback port with its files in a
 * temporary directory (append-only file, fsync always, so the jobs survive the crash), so that the outage workload
 * can crash it ({@code kill -9}) without touching the shared Redis on 6379. Not thread-safe.
 */
final class RedisProcess implements AutoCloseable {

    private final Path directory;

    private final int port;

    private Process process;

    RedisProcess() throws IOException {
        this.directory = Files.createTempDirectory("kairos-bench-redis-");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    /** @return the URI of the server */
    String uri() {
        return "redis://127.0.0.1:" + this.port;
    }

    /** Starts the server and waits until it answers {@code PING} (at most 30 s). */
    void start() throws IOException, InterruptedException {
        this.process = new ProcessBuilder(List.of(System.getProperty("bench.redis.server", "redis-server"), "--port",
                String.valueOf(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                "--dir", this.directory.toString(), "--daemonize", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("server.log").toFile()))
                .start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!answersPing()) {
            if (!this.process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("redis-server on port " + this.port + " did not start:\n"
                        + Files.readString(this.directory.resolve("server.log")));
            }
            Thread.sleep(20);
        }
    }

    /** Kills the server as a crash would ({@code kill -9}) and waits until it is gone. */
    void crash() throws InterruptedException {
        if (this.process != null) {
            this.process.destroyForcibly();
            this.process.waitFor();
            this.process = null;
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[5];
            return in.readNBytes(reply, 0, 5) == 5 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        crash();
        try (Stream<Path> files = Files.walk(this.directory)) {
            files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        }
    }
}
