package io.kairos.scheduler.boot;

import org.jspecify.annotations.Nullable;

/**
 * A {@code @ScheduledJob} (or {@code @KairosTask}) declaration on a bean method that cannot work: no trigger or two
 * trigger forms, an invalid cron expression or date, a job store or executor alias that is not configured, two
 * declarations with the same job id, a malformed duration or number. Thrown at start-up, before any declared job is
 * written to a store; a failure analyzer turns it into a report naming the method, the attribute and its value.
 */
public class ScheduledJobDeclarationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;

    private final @Nullable String attribute;

    private final transient @Nullable Object value;

    private final String problem;

    private final String action;

    /**
     * Creates the exception.
     *
     * @param method the declaring method, e.g. {@code com.acme.Reports.nightly() (bean 'reports')}
     * @param attribute the annotation attribute at fault, e.g. {@code cron}, or {@code null} when the whole
     *     declaration is at fault
     * @param value the attribute's value after placeholder resolution, may be {@code null}
     * @param problem what is wrong
     * @param action what would fix it, listing valid values where there is a fixed set
     * @param cause the underlying error (e.g. the trigger parser's {@code InvalidTriggerSpecException}), may be
     *     {@code null}
     */
    public ScheduledJobDeclarationException(String method, @Nullable String attribute, @Nullable Object value,
            String problem, String action, @Nullable Throwable cause) {
        super("Invalid @ScheduledJob on " + method + (attribute != null ? ": attribute '" + attribute + "' (value '"
                + value + "')" : "") + " " + problem + ". " + action, cause);
        this.method = method;
        this.attribute = attribute;
        this.value = value;
        this.problem = problem;
        this.action = action;
    }

    /**
     * The declaring method.
     *
     * @return class, method and bean name
     */
    public String getMethod() {
        return this.method;
    }

    /**
     * The annotation attribute at fault.
     *
     * @return the attribute name, or {@code null} when the whole declaration is at fault
     */
    public @Nullable String getAttribute() {
        return this.attribute;
    }

    /**
     * The attribute's value.
     *
     * @return the value after placeholder resolution, or {@code null}
     */
    public @Nullable Object getValue() {
        return this.value;
    }

    /**
     * What is wrong.
     *
     * @return a sentence fragment
     */
    public String getProblem() {
        return this.problem;
    }

    /**
     * What would fix it.
     *
     * @return one or more sentences
     */
    public String getAction() {
        return this.action;
    }
}
