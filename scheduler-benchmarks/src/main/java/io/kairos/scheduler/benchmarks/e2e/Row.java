package io.kairos.scheduler.benchmarks.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One result line of the TSV file: fixed columns ({@link #COLUMNS}), empty where a workload does not measure
 * something. Rates in jobs/s, times in ms, heap in bytes per job.
 */
public final class Row {

    /** Column order of the TSV file. */
    public static final List<String> COLUMNS = List.of("workload", "peer", "n", "threads", "instances", "rate_median",
            "rate_min", "rate_max", "rate_after_first", "reps", "bytes_per_job", "add_rate", "schedule_call_rate",
            "first_ms", "duplicate_ids", "extra_executions", "missing_ids", "p50_ms", "p99_ms", "max_ms", "min_ms",
            "mean_ms", "producer_lag_ms", "schedule_call_max_ms", "bulk_insert_rate", "jvm_cpu_ms_per_1k", "pg_cpu_ms_per_1k",
            "wal_kib_per_1k", "load1", "variant");

    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @param workload workload id
     * @param peer peer name
     * @param variant the adapter's configuration line
     */
    public Row(String workload, String peer, String variant) {
        put("workload", workload);
        put("peer", peer);
        put("variant", variant);
        put("load1", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * @param column one of {@link #COLUMNS}
     * @param value a number or text; doubles are written with two decimals
     * @return this row
     */
    public Row put(String column, Object value) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException("unknown column " + column);
        }
        String text = value instanceof Double d ? (d.isNaN() ? "" : String.format(Locale.ROOT, "%.2f", d))
                : String.valueOf(value);
        this.values.put(column, text);
        return this;
    }

    /**
     * Appends this row to the TSV file (header first when the file is new) and echoes it to stdout.
     *
     * @param file the TSV file
     * @throws IOException when writing fails
     */
    public void append(Path file) throws IOException {
        StringBuilder line = new StringBuilder();
        for (String c : COLUMNS) {
            if (line.length() > 0) {
                line.append('\t');
            }
            line.append(this.values.getOrDefault(c, "").replace('\t', ' '));
        }
        line.append('\n');
        if (!Files.exists(file)) {
            Files.writeString(file, String.join("\t", COLUMNS) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.print("RESULT " + line);
    }
}
