package io.kairos.scheduler.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * The body of every dashboard error, with the members of an RFC 9457 problem detail that apply, plus the request
 * field at fault so that the page shows the message under it.
 *
 * @param title the HTTP status phrase
 * @param status the HTTP status code
 * @param detail what was wrong and what is valid
 * @param field the request field at fault (a query parameter, {@code action}, {@code trigger} or a trigger spec key
 *     such as {@code hour}), or {@code null}
 */
public record DashboardProblem(String title, int status, String detail, @Nullable String field) {
}
