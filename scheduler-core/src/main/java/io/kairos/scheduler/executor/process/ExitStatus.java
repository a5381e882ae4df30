package io.kairos.scheduler.executor.process;

/** Explains a worker JVM's exit status in words. */
final class ExitStatus {

    private ExitStatus() {
    }

    /**
     * @param status the exit status as {@link Process#exitValue()} reports it
     * @return e.g. {@code ran out of memory (OutOfMemoryError)} or {@code was killed by signal 9 (SIGKILL)}
     */
    static String describe(int status) {
        if (status == WorkerMain.EXIT_OUT_OF_MEMORY) {
            return "ran out of memory (OutOfMemoryError)";
        }
        if (status == WorkerMain.EXIT_PROTOCOL_ERROR) {
            return "could not read a request (protocol error)";
        }
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            String name = switch (signal) {
                case 9 -> " (SIGKILL)";
                case 15 -> " (SIGTERM)";
                case 6 -> " (SIGABRT, a JVM crash)";
                case 11 -> " (SIGSEGV, a JVM crash)";
                default -> "";
            };
            return "was killed by signal " + signal + name;
        }
        return "exited with status " + status + " (System.exit(" + status + ") or a JVM failure)";
    }
}
