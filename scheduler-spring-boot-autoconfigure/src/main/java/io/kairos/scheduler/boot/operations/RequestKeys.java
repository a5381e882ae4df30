package io.kairos.scheduler.boot.operations;

import java.util.Collection;
import java.util.List;

import io.kairos.scheduler.input.InputText;
import org.jspecify.annotations.Nullable;

/**
 * Refuses the query parameters and body keys a call does not take (actuator, dashboard), so that a misspelt
 * {@code ?outcom=FAILED} or a stray body key is a 400 naming it and listing the valid ones rather than silently
 * ignored. Stateless.
 */
public final class RequestKeys {

    /** The query parameters of run lists, in the order errors list them. */
    public static final List<String> RUNS_PARAMETERS = List.of("limit", "outcome", "since", "until", "after");

    private RequestKeys() {
    }

    /**
     * Checks the query parameters of a call.
     *
     * @param given the parameters of the request
     * @param valid the parameters the call takes, in the order the error lists them (may be empty)
     * @throws InvalidOperationException (field: the first unknown parameter) naming it and the valid ones
     */
    public static void requireKnownParameters(Collection<String> given, List<String> valid) {
        for (String key : given) {
            if (!valid.contains(key)) {
                throw new InvalidOperationException(key, "unknown parameter " + InputText.quote(key) + "; valid: "
                        + (valid.isEmpty() ? "none (this call takes no query parameter)" : String.join(", ", valid)));
            }
        }
    }

    /**
     * Checks the keys of a call's JSON body.
     *
     * @param given the keys of the body
     * @param valid the keys the call takes, in the order the error lists them (may be empty)
     * @param hint what the error adds after the valid keys, or {@code null}
     * @throws InvalidOperationException (field: the first unknown key) naming it and the valid ones
     */
    public static void requireKnownBodyKeys(Collection<String> given, List<String> valid, @Nullable String hint) {
        for (String key : given) {
            if (!valid.contains(key)) {
                throw new InvalidOperationException(key, "unknown body key " + InputText.quote(key) + "; valid: "
                        + (valid.isEmpty() ? "none (send {} or no body)" : String.join(", ", valid))
                        + (hint != null ? "; " + hint : ""));
            }
        }
    }

    /**
     * The hint of an unknown key in a job action's body, where a trigger spec's own keys ({@code type},
     * {@code hour}) are the likely mistake.
     *
     * @param triggerForm how the caller's body holds the trigger, e.g. {@code "as a JSON object"}
     * @param bodyExample a whole body of the caller's that reschedules
     * @return the hint for {@link #requireKnownBodyKeys}
     */
    public static String triggerHint(String triggerForm, String bodyExample) {
        return "a reschedule takes the trigger spec under 'trigger', " + triggerForm + ", e.g. " + bodyExample;
    }

    /**
     * The {@link #triggerHint} of the actuator's job action body.
     *
     * @return the hint
     */
    public static String actuatorTriggerHint() {
        return triggerHint(SchedulerOperations.ACTUATOR_TRIGGER_FORM, SchedulerOperations.RESCHEDULE_EXAMPLE);
    }
}
