package io.kairos.scheduler.internal;

import io.kairos.scheduler.task.InvalidJobArgumentsException;

import java.util.List;
import java.util.Map;

/**
 * Checks that job arguments are JSON values (String, Number, Boolean, null, List and Map with String keys of
 * such values), so that every job can be stored, exported and sent to a worker process.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * Checks a job's arguments.
     *
     * @param task the task name, for the message
     * @param args positional arguments
     * @param kwargs named arguments
     * @throws InvalidJobArgumentsException naming the argument and its type when one is not a JSON value
     */
    public static void check(String task, List<Object> args, Map<String, Object> kwargs) {
        for (int i = 0; i < args.size(); i++) {
            check(task, "args[" + i + "]", args.get(i));
        }
        kwargs.forEach((name, value) -> check(task, "kwargs." + name, value));
    }

    private static void check(String task, String path, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(task, path + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new InvalidJobArgumentsException("task '" + task + "': argument " + path + " has a non-string key '"
                            + entry.getKey() + "'; JSON objects need string keys");
                }
                check(task, path + "." + key, entry.getValue());
            }
            return;
        }
        throw new InvalidJobArgumentsException("task '" + task + "': argument " + path + " is a " + value.getClass().getName()
                + ", which is not a JSON value; pass a String, Number, Boolean, null, List or Map (e.g. an id instead of an entity)");
    }
}
