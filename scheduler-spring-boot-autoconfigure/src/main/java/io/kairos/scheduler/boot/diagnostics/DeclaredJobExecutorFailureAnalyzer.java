package io.kairos.scheduler.boot.diagnostics;

import java.util.stream.Collectors;

import io.kairos.scheduler.boot.DeclaredJobExecutorException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports a {@link DeclaredJobExecutorException}: every {@code @ScheduledJob} method whose task its executor refuses,
 * with the job id, the executor alias, its type and the property that set it ({@code kairos.executors.<alias>.type},
 * with its origin), and the ways out: another executor for the job, or another type for the executor.
 */
class DeclaredJobExecutorFailureAnalyzer extends AbstractFailureAnalyzer<DeclaredJobExecutorException> {

    private final @Nullable Environment environment;

    DeclaredJobExecutorFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DeclaredJobExecutorException cause) {
        int count = cause.getRefusals().size();
        StringBuilder description = new StringBuilder(count == 1 ? "A @ScheduledJob task cannot run in its executor:\n"
                : count + " @ScheduledJob tasks cannot run in their executors:\n");
        for (DeclaredJobExecutorException.Refusal refusal : cause.getRefusals()) {
            String property = "kairos.executors." + refusal.executor() + ".type";
            ConfigurationProperty type = WrittenProperties.find(this.environment, property);
            description.append("\n    Method: ").append(refusal.method())
                .append("\n    Job id: ").append(refusal.jobId())
                .append("\n    Executor: '").append(refusal.executor()).append("' (").append(refusal.executorClass()).append(')');
            if (type != null) {
                description.append("\n    Property: ").append(property).append(" = ").append(type.getValue());
                if (type.getOrigin() != null) {
                    description.append("\n    Origin: ").append(type.getOrigin());
                }
            }
            else {
                description.append("\n    Property: none (the executor is configured in code, not by ").append(property)
                    .append(')');
            }
            description.append("\n    Reason: ").append(refusal.reason()).append('\n');
        }
        String types = cause.getRefusals().stream().map((refusal) -> "kairos.executors." + refusal.executor() + ".type")
            .distinct().collect(Collectors.joining(", "));
        String action = "A bean-method task runs only in this application's JVM. For each job listed, either place it in "
                + "a thread-pool executor with executor = \"<alias>\" on its @ScheduledJob (an alias configured with "
                + "kairos.executors.<alias>.type: thread-pool), or set " + types + " to thread-pool. Keep process-pool "
                + "executors for portable tasks: a public static method (\"com.acme.Jobs::purge\") or a public class "
                + "with a no-arg constructor.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
