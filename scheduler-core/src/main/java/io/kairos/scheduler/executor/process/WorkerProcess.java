package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.executor.process.WorkerProtocol.RunRequest;
import io.kairos.scheduler.executor.process.WorkerProtocol.WorkerMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM and its pipes. {@link #run} is called by one thread at a time (the pool lends a worker to
 * one runner); {@link #kill} and {@link #close} may be called from any thread.
 */
final class WorkerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);

    private final Process process;

    private final BufferedReader out;

    private final Writer in;

    private final StderrDrain stderr;

    private final ScheduledExecutorService timer;

    private final Object lock = new Object();

    private long nextRun = 1;

    /** The run in flight, 0 when none; guarded by {@link #lock}. */
    private long runningRun;

    /** Why this pool killed the worker, {@code null} when it did not; guarded by {@link #lock}. */
    private @Nullable String killReason;

    /** The timeout that killed the worker, {@code null} when none did; guarded by {@link #lock}. */
    private @Nullable Duration timedOut;

    private WorkerProcess(Process process, ScheduledExecutorService timer) {
        this.process = process;
        this.timer = timer;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stderr = new StderrDrain(process.pid(), process.getErrorStream());
    }

    /**
     * Starts a worker and waits until it reports ready.
     *
     * @param command the command line ({@link WorkerCommand#of})
     * @param startTimeout how long it may take to report ready
     * @param timer runs the kill when the start or a run takes too long
     * @return the ready worker
     * @throws WorkerProcessException when the worker exits or times out before it is ready
     * @throws IllegalStateException when the process cannot be started at all (no such java executable)
     */
    static WorkerProcess start(List<String> command, Duration startTimeout, ScheduledExecutorService timer)
            throws WorkerProcessException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a process-pool worker with " + command + ": " + e.getMessage(), e);
        }
        WorkerProcess worker = new WorkerProcess(process, timer);
        ScheduledFuture<?> guard = timer.schedule(() -> worker.kill(
                "did not report ready within " + startTimeout + " after start"), startTimeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            WorkerMessage message = worker.readMessage("while starting");
            if (message.ready() == null) {
                worker.kill("sent a reply before it was ready");
                throw worker.died("while starting");
            }
            LOG.debug("process-pool worker {} started", worker.pid());
            return worker;
        } finally {
            guard.cancel(false);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Whether the worker can take a run: alive and not being killed. */
    boolean isUsable() {
        synchronized (lock) {
            return killReason == null && process.isAlive();
        }
    }

    /**
     * Runs one task in the worker and waits for its reply.
     *
     * @param task the task name
     * @param args positional arguments, JSON-compatible
     * @param kwargs named arguments, JSON-compatible
     * @param timeout the longest the run may take from the moment the request is written to the worker, or
     *     {@code null} for no limit
     * @return the task's result as a JSON value ({@code Map}, {@code List}, {@code String}, {@code Number},
     *     {@code Boolean} or {@code null})
     * @throws RemoteJobException when the task threw; the worker stays usable
     * @throws WorkerProcessException when the worker died or was killed; it is unusable
     */
    @Nullable Object run(String task, List<Object> args, Map<String, Object> kwargs, @Nullable Duration timeout)
            throws RemoteJobException, WorkerProcessException {
        long run;
        synchronized (lock) {
            run = nextRun++;
            runningRun = run;
        }
        stderr.forget();
        try {
            in.write(WorkerProtocol.write(new RunRequest(run, task, args, kwargs)));
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            throw died("while receiving task " + task);
        }
        ScheduledFuture<?> guard = timeout == null ? null : timer.schedule(() -> killForTimeout(run, timeout),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            while (true) {
                WorkerMessage message = readMessage("while running task " + task);
                if (message.run() != null && message.run() == run) {
                    synchronized (lock) {
                        runningRun = 0;
                    }
                    if (message.error() != null) {
                        throw new RemoteJobException(message.error().className(), message.error().message(),
                                message.error().stackTrace());
                    }
                    return message.result();
                }
                LOG.warn("process-pool worker {} sent an unexpected message for run {} while running {}", pid(), message.run(), run);
            }
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
        }
    }

    private void killForTimeout(long run, Duration timeout) {
        synchronized (lock) {
            if (runningRun != run || killReason != null) {
                return;
            }
            timedOut = timeout;
        }
        kill("exceeded its timeout of " + timeout);
    }

    /**
     * Kills the worker at once ({@link Process#destroyForcibly()}); a run in flight fails with the reason.
     *
     * @param reason why, completing "worker N ...", e.g. "was stopped by shutdown(wait=false)"
     */
    void kill(String reason) {
        synchronized (lock) {
            if (killReason == null) {
                killReason = reason;
            }
        }
        process.destroyForcibly();
    }

    /**
     * Asks the worker to exit by closing its stdin, waits up to {@code grace} for it, then kills it.
     *
     * @param grace how long to wait for a clean exit
     */
    void close(Duration grace) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("process-pool worker {}: closing stdin failed: {}", pid(), e.toString());
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill("did not exit within " + grace + " after its stdin was closed");
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * Waits for the worker's exit, up to {@code limit}.
     *
     * @param limit how long to wait
     */
    void awaitExit(Duration limit) {
        try {
            process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the worker without a reason, from the JVM shutdown hook. */
    void destroyForcibly() {
        process.destroyForcibly();
    }

    private WorkerMessage readMessage(String during) throws WorkerProcessException {
        String line;
        try {
            while ((line = out.readLine()) != null) {
                WorkerMessage message = WorkerProtocol.readMessage(line);
                if (message != null) {
                    return message;
                }
                LOG.warn("[worker {}] stray output on the protocol stream: {}", pid(), line);
                stderr.keep(line);
            }
        } catch (IOException e) {
            LOG.debug("process-pool worker {}: reading stdout failed: {}", pid(), e.toString());
        }
        throw died(during);
    }

    /** The exception for a worker whose stdout ended: waits for its exit status and explains it. */
    private WorkerProcessException died(String during) {
        int status;
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill("closed its output but did not exit");
                process.waitFor();
            }
            status = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            status = -1;
        }
        String killed;
        Duration timeout;
        synchronized (lock) {
            killed = killReason;
            timeout = timedOut;
        }
        String lastLines = stderr.lastLines();
        String suffix = lastLines.isEmpty() ? "" : "; its last output lines: " + lastLines;
        if (timeout != null) {
            return new JobTimeoutException(pid(), timeout, "process-pool worker " + pid() + " exceeded the timeout of "
                    + timeout + " " + during + " and was killed; exit status " + status + suffix);
        }
        String reason = killed != null ? killed : ExitStatus.describe(status);
        return new WorkerDiedException(pid(), status, reason, "process-pool worker " + pid() + " " + reason + " "
                + during + "; exit status " + status + suffix);
    }
}
