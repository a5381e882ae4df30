package io.kairos.scheduler.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Redis server of its own: {@code redis-server} as a child process on a free port. Unlike a cache it keeps
 * its data across the crash ({@code appendonly yes, appendfsync always} in its temporary directory), because a
 * job store's server is expected to be durable; the crash is {@code kill -9}.
 */
final class PrivateRedis extends PrivateServer {

    private final Path executable;

    private Process process;

    private PrivateRedis(Path executable) throws IOException {
        super("redis");
        this.executable = executable;
    }

    /**
     * {@code redis-server} on the {@code PATH}.
     *
     * @return its path, or empty when it is not installed
     */
    static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).map((d) -> Path.of(d, "redis-server")).filter(Files::isExecutable)
                .findFirst();
    }

    static PrivateRedis create(Path executable) throws IOException {
        return new PrivateRedis(executable);
    }

    @Override
    void start() throws IOException, InterruptedException {
        this.process = new ProcessBuilder(List.of(this.executable.toString(), "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", this.directory.toString(), "--daemonize", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("server.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!answersPing()) {
            if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IOException("redis-server on port " + this.port + " did not start:\n"
                        + Files.readString(this.directory.resolve("server.log")));
            }
            Thread.sleep(50);
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
    void crash() throws InterruptedException {
        if (this.process != null) {
            this.process.destroyForcibly();
            this.process.waitFor();
            this.process = null;
        }
    }

    @Override
    Map<String, String> storeOptions(String suffix) {
        return Map.of("store", "redis", "redis-uri", "redis://127.0.0.1:" + this.port, "prefix", "kairos-outage-" + suffix + ".");
    }
}
