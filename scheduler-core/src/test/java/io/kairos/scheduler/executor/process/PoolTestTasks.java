package io.kairos.scheduler.executor.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tasks the process-pool tests run in worker JVMs (static methods, resolvable by name). */
public final class PoolTestTasks {

    private PoolTestTasks() {
    }

    public static Map<String, Object> add(int a, int b) {
        System.out.println("adding " + a + " and " + b + " (printed on System.out, must not break the protocol)");
        return Map.of("sum", a + b, "pid", ProcessHandle.current().pid());
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static void exit(int status) {
        System.exit(status);
    }

    public static int exhaustMemory() {
        List<long[]> hog = new ArrayList<>();
        while (true) {
            hog.add(new long[1 << 20]);
        }
    }

    public static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    public static void fail(String message) {
        throw new IllegalStateException(message, new ArithmeticException("root cause"));
    }

    public static Object unwritable() {
        return new Unwritable();
    }

    public static final class Unwritable {
        public String getValue() {
            throw new UnsupportedOperationException("not readable");
        }
    }

    public static void noop() {
    }
}
