package io.kairos.scheduler.boot.actuate;

import java.util.List;
import java.util.Map;

import io.kairos.scheduler.boot.operations.InvalidOperationException;
import io.kairos.scheduler.boot.operations.RequestKeys;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;

/**
 * Refuses the query parameters (of reads and removals) and body keys (of writes, where Spring Boot merges the query
 * parameters in too) an operation of the {@code scheduler} endpoint does not take, with a 400
 * {@link SchedulerEndpointWebExtension.EndpointProblem} naming the unknown key and listing the valid ones.
 * Spring Boot's web endpoints hand an operation every query parameter and body key of the request as arguments and
 * bind only those it declares, so without this check a misspelt {@code ?outcom=FAILED} would list every run.
 * A job's view ({@code /{id}} other than {@code runs}, and {@code /{id}/job}) takes none; its refusal of the run-list
 * parameters is the endpoint's own. Other endpoints are left alone. Thread-safe.
 */
public class SchedulerEndpointArgumentsAdvisor implements OperationInvokerAdvisor {

    private static final EndpointId SCHEDULER = EndpointId.of("scheduler");

    @Override
    public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
            OperationInvoker invoker) {
        if (!SCHEDULER.equals(endpointId)) {
            return invoker;
        }
        List<String> selectors = parameters.stream()
            .filter((parameter) -> parameter.getAnnotation(Selector.class) != null)
            .map(OperationParameter::getName)
            .toList();
        List<String> valid = parameters.stream()
            .map(OperationParameter::getName)
            .filter((name) -> !selectors.contains(name))
            .toList();
        return (context) -> {
            Map<String, Object> arguments = context.getArguments();
            List<String> given = arguments.keySet().stream().filter((key) -> !selectors.contains(key)).toList();
            try {
                if (operationType == OperationType.WRITE) {
                    RequestKeys.requireKnownBodyKeys(given, valid,
                            valid.contains("trigger") ? RequestKeys.actuatorTriggerHint() : null);
                }
                else if (isJobView(arguments)) {
                    RequestKeys.requireKnownParameters(
                            given.stream().filter((key) -> !RequestKeys.RUNS_PARAMETERS.contains(key)).toList(), List.of());
                }
                else {
                    RequestKeys.requireKnownParameters(given, valid);
                }
            }
            catch (InvalidOperationException ex) {
                return SchedulerEndpointWebExtension.badRequest(ex.getMessage());
            }
            return invoker.invoke(context);
        };
    }

    /**
     * Whether a read is of a job's view, which takes no parameter; a run-list parameter given to it is left to the
     * endpoint, whose refusal says where it belongs.
     */
    private static boolean isJobView(Map<String, Object> arguments) {
        Object id = arguments.get("id");
        if (id == null) {
            return false;
        }
        Object part = arguments.get("part");
        return (part == null) ? !SchedulerEndpoint.RUNS.equals(id) : SchedulerEndpoint.JOB.equals(part);
    }
}
