package io.kairos.scheduler.dashboard;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.boot.operations.JobDescriptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of the jobs table: each job as the actuator describes it ({@link JobDescriptor}), except that its
 * arguments come as a bounded preview, so that polling the table does not download large arguments again and again
 * (a 3 MB argument every 5 seconds). The job's own view ({@code api/jobs/{id}}) keeps them whole. Stateless.
 */
final class JobRows {

    /** The longest preview of a job's {@code args} or {@code kwargs}, in characters (UTF-16 code units). */
    static final int MAX_PREVIEW = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JobRows() {
    }

    /**
     * The rows of some jobs, in order.
     *
     * @param jobs the described jobs, not {@code null}
     * @return per job, its descriptor's fields in order, with {@code args} and {@code kwargs} replaced by
     *     {@code argsPreview} and {@code kwargsPreview} (their JSON text, cut after {@value #MAX_PREVIEW} characters)
     *     and {@code argumentsTruncated} ({@code true} when either was cut)
     */
    static List<Map<String, Object>> of(List<JobDescriptor> jobs) {
        return jobs.stream().map(JobRows::row).toList();
    }

    private static Map<String, Object> row(JobDescriptor job) {
        Map<String, Object> row = new LinkedHashMap<>();
        String args = JSON.writeValueAsString(job.args());
        String kwargs = JSON.writeValueAsString(job.kwargs());
        for (RecordComponent component : JobDescriptor.class.getRecordComponents()) {
            switch (component.getName()) {
                case "args" -> row.put("argsPreview", cut(args));
                case "kwargs" -> {
                    row.put("kwargsPreview", cut(kwargs));
                    row.put("argumentsTruncated", args.length() > MAX_PREVIEW || kwargs.length() > MAX_PREVIEW);
                }
                default -> row.put(component.getName(), value(component, job));
            }
        }
        return row;
    }

    /** The first {@value #MAX_PREVIEW} characters of a text, one less rather than half a surrogate pair. */
    static String cut(String text) {
        if (text.length() <= MAX_PREVIEW) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_PREVIEW - 1)) ? MAX_PREVIEW - 1 : MAX_PREVIEW;
        return text.substring(0, end);
    }

    private static Object value(RecordComponent component, JobDescriptor job) {
        try {
            return component.getAccessor().invoke(job);
        }
        catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("cannot read " + component.getName() + " of a job descriptor", ex);
        }
    }
}
