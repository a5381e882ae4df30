package io.kairos.scheduler.internal;

import io.kairos.scheduler.SchedulerState;

import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJobPage;

import java.util.Map;
import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line a scheduler logs when it starts: its id, state and zone, each job store (type, shared or not,
 * how many jobs it holds, counted over the first page of its listing: "at least 1000 jobs" beyond) and each executor.
 * A store that cannot list its jobs is logged as such and does not stop the start. Stateless.
 */
final class StartupReport {

    private static final Logger logger = LoggerFactory.getLogger("io.kairos.scheduler.Scheduler");

    private StartupReport() {
    }

    static void log(Settings settings, SchedulerState state) {
        if (!logger.isInfoEnabled()) {
            return;
        }
        logger.info(text(settings, state));
    }

    /**
     * The line, e.g. {@code Kairos scheduler 'node-1' started (RUNNING, zone UTC); job stores: default (JdbcJobStore,
     * shared, 12 jobs); executors: default (ThreadPoolJobExecutor)}.
     */
    static String text(Settings settings, SchedulerState state) {
        StringJoiner stores = new StringJoiner(", ");
        for (Map.Entry<String, JobStore> entry : settings.components.stores().entrySet()) {
            JobStore store = entry.getValue();
            stores.add(entry.getKey() + " (" + store.getClass().getSimpleName() + ", " + (store.isShared() ? "shared" : "local")
                    + ", " + jobCount(store) + ")");
        }
        StringJoiner executors = new StringJoiner(", ");
        for (Map.Entry<String, JobExecutor> entry : settings.components.executors().entrySet()) {
            executors.add(entry.getKey() + " (" + entry.getValue().getClass().getSimpleName() + ")");
        }
        return "Kairos scheduler '" + settings.schedulerId + "' started (" + state + ", zone "
                + io.kairos.scheduler.trigger.TriggerSpec.formatZone(settings.timezone) + "); job stores: " + stores
                + "; executors: " + executors;
    }

    private static String jobCount(JobStore store) {
        try {
            StoredJobPage page = store.listJobs(JobQuery.all().withLimit(JobQuery.MAX_LIMIT));
            int count = page.jobs().size();
            return (page.next() != null ? "at least " : "") + (count == 1 ? "1 job" : count + " jobs");
        }
        catch (RuntimeException ex) {
            return "jobs not countable: " + ex.getMessage();
        }
    }
}
