package io.kairos.scheduler.benchmarks.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the TSV file written by {@link BenchMain} as a Markdown table (one line per row, the columns of
 * {@code peer-benchmark.md}). Usage: {@code java -cp benchmarks.jar io.kairos.scheduler.benchmarks.e2e.Report
 * results.tsv}.
 */
public final class Report {

    private Report() {
    }

    /**
     * @param args the TSV file
     * @throws Exception when it cannot be read
     */
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        System.out.println("| workload | peer | N | threads | rate median (min–max) jobs/s | after first | B/job "
                + "| add jobs/s | first ms | dup/miss | lateness p50 / p99 / max / min ms | producer lag ms | load1 "
                + "| variant |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("workload\t")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> v = new HashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++) {
                v.put(header[i], cells[i]);
            }
            String threads = "1".equals(v.get("instances")) || v.get("instances").isEmpty() ? v.get("threads")
                    : v.get("instances") + "x" + v.get("threads");
            String rate = v.get("rate_median").isEmpty() ? ""
                    : round(v.get("rate_median")) + ("1".equals(v.get("reps")) ? ""
                            : " (" + round(v.get("rate_min")) + "–" + round(v.get("rate_max")) + ")");
            String dup = v.get("missing_ids").isEmpty() ? v.get("duplicate_ids")
                    : v.get("duplicate_ids") + "/" + v.get("missing_ids");
            String late = v.get("p50_ms").isEmpty() ? ""
                    : v.get("p50_ms") + " / " + v.get("p99_ms") + " / " + v.get("max_ms") + " / " + v.get("min_ms");
            System.out.println("| " + String.join(" | ", v.get("workload"), v.get("peer"), v.get("n"), threads, rate,
                    round(v.get("rate_after_first")), v.get("bytes_per_job"), round(v.get("add_rate")),
                    v.get("first_ms"), dup, late, v.get("producer_lag_ms"), v.get("load1"), v.get("variant")) + " |");
        }
    }

    private static String round(String number) {
        return number == null || number.isEmpty() ? "" : String.valueOf(Math.round(Double.parseDouble(number)));
    }
}
