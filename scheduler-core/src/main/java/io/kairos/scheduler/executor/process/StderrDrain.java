package io.kairos.scheduler.executor.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a worker's stderr (where its {@code System.out} goes too) on a daemon thread, logs each line at INFO
 * on logger {@code io.kairos.scheduler.executor.process.worker} with the worker's pid, and keeps the last
 * few lines (and stray stdout lines handed to {@link #keep}) for failure messages. Thread-safe.
 */
final class StderrDrain {

    private static final Logger WORKER_LOG = LoggerFactory.getLogger("io.kairos.scheduler.executor.process.worker");

    private static final int KEPT_LINES = 5;

    private final Deque<String> lastLines = new ArrayDeque<>();

    private final Thread thread;

    StderrDrain(long pid, InputStream stderr) {
        this.thread = new Thread(() -> drain(pid, stderr), "kairos-worker-" + pid + "-stderr");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void drain(long pid, InputStream stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                WORKER_LOG.info("[worker {}] {}", pid, line);
                keep(line);
            }
        } catch (IOException e) {
            WORKER_LOG.debug("[worker {}] stderr closed: {}", pid, e.toString());
        }
    }

    /**
     * Keeps a line among the last ones, e.g. a line the JVM itself wrote to stdout before it failed.
     *
     * @param line the line
     */
    void keep(String line) {
        synchronized (lastLines) {
            if (lastLines.size() == KEPT_LINES) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
    }

    /** Forgets the kept lines, so that a failure message shows only what the worker wrote during its run. */
    void forget() {
        synchronized (lastLines) {
            lastLines.clear();
        }
    }

    /**
     * The last lines the worker wrote, after waiting up to 1 second for the stream to end (call it once the
     * process has exited, so the last lines are in).
     *
     * @return up to 5 lines joined with {@code " | "}, empty when the worker wrote nothing
     */
    String lastLines() {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lastLines) {
            return String.join(" | ", lastLines);
        }
    }
}
