package io.kairos.scheduler.dashboard;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the user of a dashboard request may change jobs, and who that user is. Implementations are
 * thread-safe.
 */
public interface DashboardAccess {

    /**
     * What the user of a request may do.
     *
     * @param request the request
     * @return the grant
     */
    Grant grant(HttpServletRequest request);

    /**
     * The CSRF token the page must send with changes, when there is one.
     *
     * @param request the request
     * @return {@code header} (the header name) and {@code token}, or empty when changes need no token
     */
    default Map<String, String> csrf(HttpServletRequest request) {
        return Map.of();
    }

    /**
     * What one user may do.
     *
     * @param canWrite whether changes are allowed
     * @param user the user's name, or {@code null} when not known
     * @param readOnlyReason why changes are refused and how to allow them, or {@code null} when allowed
     */
    record Grant(boolean canWrite, @Nullable String user, @Nullable String readOnlyReason) {

        /**
         * Who acts, for the log of every action.
         *
         * @param request the request
         * @return e.g. {@code user 'admin' via the dashboard}
         */
        public String actor(HttpServletRequest request) {
            return (this.user != null ? "user '" + this.user + "'" : "an unauthenticated user from " + request.getRemoteAddr())
                    + " via the dashboard";
        }
    }
}
