package io.kairos.scheduler.executor.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;


/**
 * The line protocol between the process pool and its worker JVMs: one JSON object per line, UTF-8, over the
 * worker's stdin (parent → worker) and the worker's original stdout (worker → parent).
 *
 * <ul>
 *   <li>worker → parent, once, when it can take work: {@code {"ready":<pid>}}</li>
 *   <li>parent → worker: {@code {"run":<id>,"task":"com.acme.Jobs::purge","args":[...],"kwargs":{...}}}</li>
 *   <li>worker → parent: {@code {"run":<id>,"result":<JSON value>}} or
 *       {@code {"run":<id>,"error":{"class":"...","message":"...","stackTrace":"..."}}}</li>
 * </ul>
 * Closing the worker's stdin asks it to exit. Thread-safe (stateless; the mapper is immutable).
 */
final class WorkerProtocol {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private WorkerProtocol() {
    }

    /**
     * A request to run one task.
     *
     * @param run the run id, unique per worker process
     * @param task the task name, e.g. {@code com.acme.Jobs::purge}
     * @param args positional arguments, JSON-compatible values
     * @param kwargs named arguments, JSON-compatible values
     */
    record RunRequest(long run, String task, List<Object> args, Map<String, Object> kwargs) {
    }

    /**
     * A task's exception as text, as it travels back from a worker.
     *
     * @param className the exception's class name
     * @param message its message, may be {@code null}
     * @param stackTrace the full printed stack trace, causes included
     */
    record RemoteError(@JsonProperty("class") String className, @Nullable String message, String stackTrace) {
    }

    /**
     * Any message from a worker: exactly one of {@code ready}, {@code result}/{@code error} applies.
     *
     * @param ready the worker's pid in the ready message, else {@code null}
     * @param run the run id a reply answers, else {@code null}
     * @param result what the task returned (JSON value, {@code null} for void) when {@code error} is {@code null}
     * @param error the task's exception, or {@code null} when it returned normally
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkerMessage(@Nullable Long ready, @Nullable Long run, @Nullable Object result, @Nullable RemoteError error) {

        static WorkerMessage readyMessage(long pid) {
            return new WorkerMessage(pid, null, null, null);
        }

        static WorkerMessage result(long run, @Nullable Object result) {
            return new WorkerMessage(null, run, result, null);
        }

        static WorkerMessage error(long run, Throwable error) {
            return new WorkerMessage(null, run, null, remoteError(error));
        }
    }

    static RemoteError remoteError(Throwable error) {
        java.io.StringWriter text = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(text));
        return new RemoteError(error.getClass().getName(), error.getMessage(), text.toString());
    }

    static String write(Object message) {
        return MAPPER.writeValueAsString(message);
    }

    static RunRequest readRequest(String line) {
        return MAPPER.readValue(line, RunRequest.class);
    }

    /**
     * Reads a worker's line.
     *
     * @param line one line of the worker's protocol stream
     * @return the message, or {@code null} when the line is not a protocol message (stray output)
     */
    static @Nullable WorkerMessage readMessage(String line) {
        if (line.isEmpty() || line.charAt(0) != '{') {
            return null;
        }
        try {
            WorkerMessage message = MAPPER.readValue(line, WorkerMessage.class);
            return message.ready() == null && message.run() == null ? null : message;
        } catch (JacksonException e) {
            return null;
        }
    }
}
