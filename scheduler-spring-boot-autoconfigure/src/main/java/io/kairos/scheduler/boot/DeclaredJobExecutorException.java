package io.kairos.scheduler.boot;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code @ScheduledJob} declarations whose task cannot run in the executor the job is placed in, e.g. bean methods
 * placed in a {@code process-pool} executor, whose worker JVMs have no application context. Thrown at start-up,
 * before the scheduler starts, listing every such declaration; a failure analyzer turns it into a report naming
 * each method, job id and executor, and the property that set the executor's type.
 */
public class DeclaredJobExecutorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Refusal> refusals;

    /**
     * Creates the exception.
     *
     * @param refusals every declaration refused, in declaration order; not empty
     * @throws IllegalArgumentException when {@code refusals} is empty
     */
    public DeclaredJobExecutorException(List<Refusal> refusals) {
        super(message(refusals));
        this.refusals = List.copyOf(refusals);
    }

    private static String message(List<Refusal> refusals) {
        if (refusals.isEmpty()) {
            throw new IllegalArgumentException("refusals is empty; give at least one refused declaration");
        }
        return refusals.size() + " @ScheduledJob declaration(s) cannot run in their executor: " + refusals.stream()
            .map((refusal) -> "job '" + refusal.jobId() + "' on " + refusal.method() + " in executor '" + refusal.executor()
                    + "' (" + refusal.executorClass() + "): " + refusal.reason())
            .collect(Collectors.joining("; "));
    }

    /**
     * The declarations refused.
     *
     * @return one or more, in declaration order, immutable
     */
    public List<Refusal> getRefusals() {
        return this.refusals;
    }

    /**
     * One declaration whose task the executor refuses.
     *
     * @param method the declaring method, e.g. {@code com.acme.Billing.run() (bean 'billing')}
     * @param jobId the declared job id
     * @param task the task name, {@code beanName.methodName}
     * @param executor the executor alias the job is placed in
     * @param executorClass the simple class name of that executor, e.g. {@code ProcessPoolJobExecutor}
     * @param reason the executor's own reason for refusing the task
     */
    public record Refusal(String method, String jobId, String task, String executor, String executorClass,
            String reason) {
    }
}
