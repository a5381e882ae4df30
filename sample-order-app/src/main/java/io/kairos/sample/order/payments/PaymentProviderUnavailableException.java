package io.kairos.sample.order.payments;

/**
 * The payment provider could not answer now (its API said {@code 503 Service Unavailable}, timed out, refused the
 * connection): a transient failure worth trying again later, unlike a bug in the shop. The payment reconciliation
 * job retries on this exception only.
 */
public class PaymentProviderUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the provider answered
     */
    public PaymentProviderUnavailableException(String message) {
        super(message);
    }
}
