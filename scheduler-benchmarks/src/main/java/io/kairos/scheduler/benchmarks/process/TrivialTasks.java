package io.kairos.scheduler.benchmarks.process;

/** The trivial task the process-pool benchmark runs in its workers. */
public final class TrivialTasks {

    private TrivialTasks() {
    }

    /**
     * Adds two numbers: a job that costs nothing but its round trip.
     *
     * @param a a number
     * @param b another
     * @return their sum
     */
    public static int add(int a, int b) {
        return a + b;
    }
}
