package io.kairos.scheduler.dashboard;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Access with Spring Security: changes need the authority {@code kairos.dashboard.authority} (and are refused for
 * everyone when {@code kairos.dashboard.read-only=true}); the page sends the CSRF token with each change.
 */
class SecurityDashboardAccess implements DashboardAccess {

    private final String authority;

    private final boolean readOnly;

    SecurityDashboardAccess(String authority, boolean readOnly) {
        this.authority = authority;
        this.readOnly = readOnly;
    }

    @Override
    public Grant grant(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String user = authentication != null && authentication.isAuthenticated() ? authentication.getName() : null;
        if (this.readOnly) {
            return new Grant(false, user, "The dashboard is read-only (kairos.dashboard.read-only=true).");
        }
        boolean allowed = authentication != null && authentication.getAuthorities()
            .stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(this.authority::equals);
        return new Grant(allowed, user, allowed ? null
                : "Read-only for you: changes need the authority " + this.authority + " (kairos.dashboard.authority).");
    }

    @Override
    public Map<String, String> csrf(HttpServletRequest request) {
        return request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token
                ? Map.of("header", token.getHeaderName(), "token", token.getToken())
                : Map.of();
    }
}
