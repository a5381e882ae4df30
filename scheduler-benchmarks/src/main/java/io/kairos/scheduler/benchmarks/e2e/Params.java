package io.kairos.scheduler.benchmarks.e2e;

import java.nio.file.Path;

/** Workload parameters from system properties {@code bench.*} (defaults per workload in the callers). */
public final class Params {

    private Params() {
    }

    /**
     * @param name property name without the {@code bench.} prefix
     * @param def default
     * @return the value
     */
    public static int integer(String name, int def) {
        return Integer.parseInt(System.getProperty("bench." + name, String.valueOf(def)));
    }

    /**
     * @param name property name without the {@code bench.} prefix
     * @param def default
     * @return the value
     */
    public static long longValue(String name, long def) {
        return Long.parseLong(System.getProperty("bench." + name, String.valueOf(def)));
    }

    /** @return the TSV file ({@code bench.out}, default {@code results.tsv}) */
    public static Path out() {
        return Path.of(System.getProperty("bench.out", "results.tsv"));
    }

    /** @return worker threads ({@code bench.threads}, default 4) */
    public static int threads() {
        return integer("threads", 4);
    }
}
