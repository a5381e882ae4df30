package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.StoredJob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export format of {@link io.kairos.scheduler.Scheduler#exportJobs}: {@code {"version":1,"jobs":[<each job as the JobCodec
 * writes it>]}} (APScheduler 3.11's {@code export_jobs} layout, without pickled objects). Thread-safe.
 */
public final class JobsJson {

    public static final int VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JobsJson() {
    }

    /**
     * Writes jobs in the export format as they come, without holding them: one job's JSON at a time.
     *
     * @param codec the codec that writes each job
     * @param out where the text goes
     * @param jobs the jobs, read once
     * @throws UncheckedIOException when writing fails
     */
    public static void write(JobCodec codec, Appendable out, Iterator<StoredJob> jobs) {
        Writer writer = out instanceof Writer w ? w : new AppendableWriter(out);
        try (JsonGenerator generator = MAPPER.writerWithDefaultPrettyPrinter().createGenerator(writer)) {
            generator.writeStartObject();
            generator.writeNumberProperty("version", VERSION);
            generator.writeName("jobs");
            generator.writeStartArray();
            while (jobs.hasNext()) {
                generator.writeTree(MAPPER.readTree(codec.encode(jobs.next())));
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
        catch (JacksonIOException ex) {
            throw new UncheckedIOException(ex.getCause());
        }
    }

    /** An {@link Appendable} as a {@link Writer}, for the JSON generator; closing it does nothing. */
    private static final class AppendableWriter extends Writer {

        private final Appendable out;

        AppendableWriter(Appendable out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            this.out.append(CharBuffer.wrap(chars, offset, length));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
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
