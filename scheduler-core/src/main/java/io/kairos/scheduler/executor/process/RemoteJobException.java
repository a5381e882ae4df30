package io.kairos.scheduler.executor.process;

import org.jspecify.annotations.Nullable;

/**
 * The task threw in a worker JVM. The exception itself stays in the worker; its class name, message and
 * printed stack trace (causes included) travel back as text. The worker survives and takes the next run.
 *
 * <p>{@link #getMessage()} is {@code <class>: <message>}; {@link #remoteStackTrace()} holds the worker's
 * stack trace, and is also the text {@link #toString()} ends with, so that logging the exception shows it.
 */
public class RemoteJobException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    private final @Nullable String remoteMessage;

    private final String remoteStackTrace;

    /**
     * Creates the exception.
     *
     * @param remoteClassName the class name of the exception the task threw, never {@code null}
     * @param remoteMessage its message, may be {@code null}
     * @param remoteStackTrace its printed stack trace, never {@code null}
     */
    public RemoteJobException(String remoteClassName, @Nullable String remoteMessage, String remoteStackTrace) {
        super(remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage, null, false, false);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.remoteStackTrace = remoteStackTrace;
    }

    /**
     * The class name of the exception the task threw in the worker.
     *
     * @return e.g. {@code java.lang.IllegalStateException}, never {@code null}
     */
    public String remoteClassName() {
        return remoteClassName;
    }

    /**
     * The message of the exception the task threw in the worker.
     *
     * @return the message, may be {@code null}
     */
    public @Nullable String remoteMessage() {
        return remoteMessage;
    }

    /**
     * The worker's printed stack trace of the exception, causes included, lines separated by the worker's
     * line separator.
     *
     * @return the text, never {@code null}
     */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    /**
     * Returns the worker's stack trace text: this exception has no local stack trace (it is created
     * without one), so this is what a log shows.
     *
     * @return the remote stack trace text, without a trailing line break
     */
    @Override
    public String toString() {
        return remoteStackTrace.stripTrailing();
    }
}
