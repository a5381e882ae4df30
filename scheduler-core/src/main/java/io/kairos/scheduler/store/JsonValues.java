package io.kairos.scheduler.store;

import java.util.List;
import java.util.Map;

/**
 * Checks that job arguments are JSON values, so that what is stored reads back equal.
 */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * Checks a value tree.
     *
     * @param jobId the job, for the message
     * @param path where the value sits, e.g. {@code args} or {@code kwargs.order}
     * @param value the value
     * @throws IllegalArgumentException when a value is not a string, number, boolean, {@code null}, list or
     *     string-keyed map; the message names the job, the path and the value's type
     */
    static void check(String jobId, String path, Object value) {
        if ((value instanceof Double number && !Double.isFinite(number)) || (value instanceof Float single && !Float.isFinite(single))) {
            throw new IllegalArgumentException("job '" + jobId + "': " + path + " is " + value
                    + "; stored arguments must be JSON values, and JSON has no NaN or infinity");
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(jobId, path + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("job '" + jobId + "': " + path + " has a key " + entry.getKey()
                            + " that is not a string; stored arguments must be JSON values");
                }
                check(jobId, path + "." + key, entry.getValue());
            }
            return;
        }
        throw new IllegalArgumentException("job '" + jobId + "': " + path + " is a " + value.getClass().getName()
                + "; stored arguments must be JSON values (String, Number, Boolean, null, List, Map with String keys)");
    }
}
