package io.kairos.scheduler.dashboard;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Access without Spring Security: {@code kairos.dashboard.read-only} alone decides (default true). Changes then
 * need a JSON body ({@code Content-Type: application/json}), which a cross-site form cannot send, as their CSRF
 * protection.
 */
class PropertyDashboardAccess implements DashboardAccess {

    private final boolean readOnly;

    PropertyDashboardAccess(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public Grant grant(HttpServletRequest request) {
        return new Grant(!this.readOnly, request.getRemoteUser(), this.readOnly
                ? "The dashboard is read-only. To allow changes, add Spring Security (changes then need authority "
                        + "KAIROS_ADMIN, see kairos.dashboard.authority) or set kairos.dashboard.read-only=false behind "
                        + "a gateway that authenticates."
                : null);
    }
}
