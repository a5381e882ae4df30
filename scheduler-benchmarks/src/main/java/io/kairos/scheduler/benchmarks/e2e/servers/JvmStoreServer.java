package io.kairos.scheduler.benchmarks.e2e.servers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.curator.test.TestingServer;

/**
 * A MongoDB or ZooKeeper server for the W3 store bursts, in a JVM of its own (a child of the benchmark JVM, like
 * PostgreSQL and Redis are processes of their own): {@code mongodb} is mongo-java-server (an in-memory MongoDB
 * wire-protocol server, not a real {@code mongod}, none can be installed here), {@code zookeeper} the real ZooKeeper
 * server code run by Curator's {@code TestingServer}. {@link #start} starts it on a free loopback port and waits
 * until the port answers; it lives until {@link #close} or the benchmark JVM's exit. Not thread-safe.
 */
public final class JvmStoreServer implements AutoCloseable {

    private final Process process;

    private final int port;

    private JvmStoreServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server process and waits until it listens (at most 60 s).
     *
     * @param kind {@code mongodb} or {@code zookeeper}
     * @return the running server
     * @throws IOException when it does not start
     * @throws InterruptedException when interrupted while waiting
     */
    public static JvmStoreServer start(String kind) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), JvmStoreServer.class.getName(), kind, Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        JvmStoreServer server = new JvmStoreServer(process, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!listens(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException(kind + " server process on port " + port + " did not start");
            }
            Thread.sleep(50);
        }
        return server;
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** @return the port it listens on, on 127.0.0.1 */
    public int port() {
        return this.port;
    }

    /** Kills the server process. */
    @Override
    public void close() {
        this.process.destroyForcibly();
    }

    /**
     * The server process's entry point.
     *
     * @param args kind ({@code mongodb} or {@code zookeeper}) and port
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "mongodb" -> new MongoServer(new MemoryBackend()).bind("127.0.0.1", port);
            case "zookeeper" -> new TestingServer(port, true);
            default -> throw new IllegalArgumentException("kind: '" + args[0] + "'; valid: mongodb, zookeeper");
        }
        Thread.currentThread().join();
    }
}
