package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.input.InputText;


/**
 * The checks of the job fields a caller chooses: the id and the name, with errors that name the field, the value and
 * the rule. Stateless and thread-safe.
 */
final class JobFields {

    /** What a valid job id is, as errors say it. */
    static final String ID_RULE = "valid: 1 to 191 characters, not blank, not '.' or '..', without '/', '\\' or control"
            + " characters (U+0000 to U+001F, U+007F to U+009F), e.g. 'order-timeout-42'";

    private JobFields() {
    }

    /**
     * Checks a job id the caller chose (every add, so {@code addJob}, {@code addJobs} and {@code importJobs}): not
     * blank, at most 191 characters, not {@code .} or {@code ..}, and without {@code /}, {@code \} or ISO control
     * characters. A job id is a path segment of the actuator and dashboard URLs: Tomcat refuses an encoded {@code /}
     * or {@code \} in a path before any application code sees it, and browsers and HTTP clients resolve the dot
     * segments {@code .} and {@code ..} away (even encoded as {@code %2E}), so such a job could be added but not
     * reached over HTTP. Jobs already stored with such ids are not checked: they load, list and run as before.
     */
    static String checkId(String id) {
        if (id.isBlank() || id.length() > 191) {
            throw new IllegalArgumentException("id " + quoteId(id) + " is not a valid job id: it is "
                    + (id.isBlank() ? "blank" : id.length() + " characters long") + "; " + ID_RULE);
        }
        if (id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("id " + quoteId(id) + " is not a valid job id: it is a dot segment, which"
                    + " browsers and HTTP clients resolve away in a URL path (a job id is a path segment of the actuator and"
                    + " dashboard URLs); " + ID_RULE);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("id " + quoteId(id) + " is not a valid job id: it holds " + describe(c)
                        + " at index " + i + " (a job id is a path segment of the actuator and dashboard URLs); " + ID_RULE);
            }
        }
        return id;
    }

    /** A job id quoted for a message, each control character written as a backslash, {@code u} and four hex digits. */
    private static String quoteId(String id) {
        StringBuilder visible = new StringBuilder(id.length());
        id.chars().forEach((c) -> {
            if (Character.isISOControl(c)) {
                visible.append(String.format("\\u%04X", c));
            }
            else {
                visible.append((char) c);
            }
        });
        return InputText.quote(visible);
    }

    private static String describe(char c) {
        return Character.isISOControl(c) ? String.format("the control character U+%04X", (int) c) : "'" + c + "'";
    }

    /**
     * Checks a job name the caller chose (at add and modify; a name defaulted from the task name is not checked): not
     * blank and at most {@value JobRequest#MAX_NAME_LENGTH} characters. Jobs already stored with longer names load as
     * before.
     */
    static String checkName(String name) {
        String checked = checkText("name", name);
        if (checked.length() > JobRequest.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name " + InputText.quote(checked) + " is too long; valid: 1 to "
                    + JobRequest.MAX_NAME_LENGTH + " characters, not blank (a label for lists, logs and the dashboard; keep"
                    + " longer text in the job's arguments)");
        }
        return checked;
    }

    private static String checkText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-blank string, got '" + value + "'");
        }
        return value;
    }
}
