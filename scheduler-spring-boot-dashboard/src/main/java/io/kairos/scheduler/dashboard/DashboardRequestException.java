package io.kairos.scheduler.dashboard;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A dashboard request refused with a status and a reason (bad query parameter, write refused, body not JSON).
 */
class DashboardRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    private final @Nullable String field;

    DashboardRequestException(HttpStatus status, @Nullable String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    HttpStatus status() {
        return this.status;
    }

    @Nullable String field() {
        return this.field;
    }
}
