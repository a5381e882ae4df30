package io.kairos.scheduler.boot.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.DeclaredJobExecutorException;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.task.Task;

/**
 * Checks, before the scheduler starts, that the executor of every {@link ScheduledJob} declaration accepts its task
 * ({@link JobExecutor#checkTask}): a {@code process-pool} executor refuses bean methods, which its worker JVMs cannot
 * resolve. Every refused declaration is collected, so one start-up lists them all. A declaration whose executor or
 * task is unknown is left to {@link DeclaredJobSynchronizer}, which reports it. Stateless.
 */
public final class DeclaredJobExecutorCheck {

    private DeclaredJobExecutorCheck() {
    }

    /**
     * Checks the declarations against the scheduler's configured executors (the {@code default} one, when not
     * configured, is a thread pool created at start, which accepts every task).
     *
     * @param engine the scheduler, started or not
     * @param declarations the declarations, after their {@code @KairosTask} aliases are registered
     * @throws DeclaredJobExecutorException listing every declaration whose executor refuses its task
     */
    public static void check(Scheduler engine, List<ScheduledJobDefinition> declarations) {
        Map<String, JobExecutor> executors = engine.executors();
        List<DeclaredJobExecutorException.Refusal> refusals = new ArrayList<>();
        for (ScheduledJobDefinition definition : declarations) {
            String alias = definition.options().executorOr("default");
            JobExecutor executor = executors.get(alias);
            if (executor == null) {
                continue;
            }
            Task task;
            try {
                task = engine.taskRegistry().resolve(definition.task());
            }
            catch (RuntimeException ex) {
                continue;
            }
            try {
                executor.checkTask(task);
            }
            catch (IllegalArgumentException ex) {
                refusals.add(new DeclaredJobExecutorException.Refusal(definition.source(), definition.id(),
                        definition.task(), alias, executor.getClass().getSimpleName(), ex.getMessage()));
            }
        }
        if (!refusals.isEmpty()) {
            throw new DeclaredJobExecutorException(refusals);
        }
    }
}
