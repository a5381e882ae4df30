package io.kairos.sample.order.orders;

/** What a run of the timeout job did to its order. */
public enum CancelOutcome {

    /** The order was unpaid: it is now cancelled and its stock and sales were given back. */
    CANCELLED,

    /** The order was paid in time (its job was not removed, e.g. the app stopped right after payment): nothing changed. */
    ALREADY_PAID,

    /** The order was cancelled before (a repeated run): nothing changed. */
    ALREADY_CANCELLED,

    /** No such order (its transaction rolled back after the job was stored): nothing changed. */
    NO_SUCH_ORDER
}
