package io.kairos.scheduler.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Starts {@link ClusterNode} JVMs with the test class path and kills every one of them at the end: on
 * {@link #close()} and, should the test JVM exit first, from a shutdown hook. Each node's output goes to
 * {@code target/cluster-nodes/<node>.log}. Not thread-safe (one test thread).
 */
final class NodeProcesses implements AutoCloseable {

    private static final List<Process> ALL = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(Process::destroyForcibly), "cluster-nodes-killer"));
    }

    private final List<Process> started = new ArrayList<>();

    private final List<Path> logs = new ArrayList<>();

    private final Path goFile = Path.of("target", "cluster-nodes", "go-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
            .toAbsolutePath();

    /**
     * Starts a node.
     *
     * @param node the node's name
     * @param options the node's other {@code key=value} options
     * @return the process
     */
    Process start(String node, Map<String, String> options) throws IOException {
        Path logDir = Path.of("target", "cluster-nodes");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(node + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ClusterNode.class.getName(), "node=" + node, "go-file=" + this.goFile));
        options.forEach((key, value) -> command.add(key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ALL.add(process);
        this.started.add(process);
        this.logs.add(log);
        return process;
    }

    /**
     * Waits until every started node printed {@code READY}.
     *
     * @param timeout how long to wait in all
     * @throws IllegalStateException when a node died or did not get ready in time; the message holds its log
     */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (int i = 0; i < this.started.size(); i++) {
            while (!Files.readString(this.logs.get(i)).contains("READY")) {
                if (!this.started.get(i).isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("node " + this.logs.get(i) + " did not start:\n" + Files.readString(this.logs.get(i)));
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Lets the started nodes (paused until now) resume, all at once.
     */
    void go() throws IOException {
        Files.createFile(this.goFile);
    }

    /**
     * Lines of a node's log that start with a marker.
     *
     * @param index the node's index in start order
     * @param marker e.g. {@code STORE-FAILED}
     * @return the lines
     */
    List<String> logLines(int index, String marker) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(this.logs.get(index)); Stream<String> lines = reader.lines()) {
            return lines.filter((l) -> l.startsWith(marker)).toList();
        }
    }

    /**
     * Kills a node as {@code kill -9} would and waits until it is gone.
     *
     * @param index the node's index in start order
     */
    void kill(int index) throws InterruptedException {
        Process process = this.started.get(index);
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Kills every node started here ({@code kill -9}) and waits for each to end.
     */
    void killAll() throws InterruptedException {
        for (Process process : this.started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : this.started) {
            process.waitFor();
            ALL.remove(process);
        }
        try {
            Files.deleteIfExists(this.goFile);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@link #killAll()}; an interrupt is passed on (the JVM's shutdown hook still kills the nodes).
     */
    @Override
    public void close() {
        try {
            killAll();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
