package io.kairos.scheduler.task;

import java.math.BigDecimal;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** Static methods and classes that the reference forms of task names point at. */
public final class SampleJobs {

    /** Counts runs of the no-argument tasks. */
    public static final AtomicInteger RUNS = new AtomicInteger();

    private SampleJobs() {
    }

    public static String cancel(long orderId, boolean notify) {
        return "cancelled " + orderId + (notify ? " with notice" : "");
    }

    public static void purge() {
        RUNS.incrementAndGet();
    }

    public static int total(List<Long> amounts) {
        return amounts.stream().mapToInt(Long::intValue).sum();
    }

    public static String greet(String name, Optional<String> greeting) {
        return greeting.orElse("hello") + " " + name;
    }

    public static String describe(Map<String, Object> order, Integer priority) {
        return order.get("id") + "/" + priority;
    }

    public static String slot(Size size) {
        return size.name();
    }

    public static String decimals(BigDecimal exact, double primitive, Double boxed) {
        return exact.toPlainString() + " " + primitive + " " + boxed;
    }

    public static int count(int value, Integer boxed) {
        return value + (boxed == null ? 0 : boxed);
    }

    public static String longs(long primitive, Long boxed, Optional<Long> optional) {
        return primitive + "/" + boxed.getClass().getSimpleName() + boxed + "/"
                + optional.map((v) -> v.getClass().getSimpleName() + v).orElse("empty");
    }

    public static void fail() throws IOException {
        throw new IOException("disk full");
    }

    public static void overloaded(int a) {
    }

    public static void overloaded(String a) {
    }

    public String instanceMethod() {
        return "instance";
    }

    static void hidden() {
    }

    /** An enum parameter type. */
    public enum Size {
        SMALL, LARGE
    }

    /** Runs by instantiation, as a Runnable. */
    public static final class PurgeJob implements Runnable {
        @Override
        public void run() {
            RUNS.incrementAndGet();
        }
    }

    /** Runs by instantiation, as a Callable. */
    public static final class CountJob implements Callable<Integer> {
        @Override
        public Integer call() {
            return 42;
        }
    }

    /** Runs by instantiation and receives the arguments. */
    public static final class EchoJob implements TaskFunction {
        @Override
        public Object apply(List<Object> args, Map<String, Object> kwargs) {
            return args + " " + kwargs;
        }
    }

    /** No public no-arg constructor. */
    public static final class NeedsArgument implements Runnable {
        public NeedsArgument(String value) {
        }

        @Override
        public void run() {
        }
    }

    /** Implements none of the task shapes. */
    public static final class NotATask {
    }

    /** Inherits public static methods ({@code Thread::dumpStack}) from a class outside this package. */
    public static final class InheritsStatics extends Thread {
    }
}
