package io.kairos.scheduler.internal;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobExecutorFactory;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.executor.VirtualThreadJobExecutor;

import java.util.Set;

/**
 * The executor types the core knows: {@code thread-pool} ({@code max-workers}, {@code queue-capacity}), {@code virtual-thread} and
 * {@code direct}.
 */
public final class BuiltInExecutorFactories {

    private BuiltInExecutorFactories() {
    }

    public static final class ThreadPool implements JobExecutorFactory {

        @Override
        public String type() {
            return "thread-pool";
        }

        @Override
        public JobExecutor create(ComponentOptions options) {
            options.requireOnly(Set.of("max-workers", "queue-capacity"));
            int maxWorkers = options.positiveInt("max-workers", ThreadPoolJobExecutor.DEFAULT_MAX_WORKERS);
            return new ThreadPoolJobExecutor(maxWorkers,
                    options.nonNegativeInt("queue-capacity", ThreadPoolJobExecutor.defaultQueueCapacity(maxWorkers)));
        }
    }

    public static final class VirtualThread implements JobExecutorFactory {

        @Override
        public String type() {
            return VirtualThreadJobExecutor.TYPE;
        }

        @Override
        public JobExecutor create(ComponentOptions options) {
            options.requireOnly(Set.of());
            return new VirtualThreadJobExecutor();
        }
    }

    public static final class Direct implements JobExecutorFactory {

        @Override
        public String type() {
            return "direct";
        }

        @Override
        public JobExecutor create(ComponentOptions options) {
            options.requireOnly(Set.of());
            return new DirectJobExecutor();
        }
    }
}
