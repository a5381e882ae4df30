package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.StoredJob;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The export format of {@link io.kairos.scheduler.Scheduler#exportJobs}: {@code {"version":1,"jobs":[<each job as the JobCodec
 * writes it>]}} (APScheduler 3.11's {@code export_jobs} layout, without pickled objects). Thread-safe.
 */
public final class JobsJson {

    public static final int VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JobsJson() {
    }

    public static String write(JobCodec codec, List<StoredJob> jobs) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode array = root.putArray("jobs");
        for (StoredJob job : jobs) {
            array.add(MAPPER.readTree(codec.encode(job)));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    public static List<StoredJob> read(JobCodec codec, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("exported jobs are not valid JSON: " + ex.getOriginalMessage(), ex);
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || version.asInt() > VERSION || version.asInt() < 1) {
            throw new IllegalArgumentException("exported jobs: 'version' must be 1 (this Kairos reads version " + VERSION + "), got " + version);
        }
        JsonNode jobs = root.get("jobs");
        if (jobs == null || !jobs.isArray()) {
            throw new IllegalArgumentException("exported jobs: 'jobs' must be an array");
        }
        List<StoredJob> result = new ArrayList<>();
        for (JsonNode job : jobs) {
            try {
                result.add(codec.decode(MAPPER.writeValueAsString(job)));
            }
            catch (JobDecodeException ex) {
                throw new IllegalArgumentException("exported job " + result.size() + " cannot be read: " + ex.getMessage(), ex);
            }
        }
        return result;
    }
}
