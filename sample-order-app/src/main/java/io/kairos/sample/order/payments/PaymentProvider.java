package io.kairos.sample.order.payments;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The shop's payment provider, simulated in the process: a real shop calls its provider's API here. The simulation
 * settles every payment the shop recorded, and answers its first {@code orders.payment-provider-unavailable-calls}
 * calls after the shop starts (default 1) with {@code 503 Service Unavailable}, as a provider in a maintenance window
 * does. The failure is deterministic, not random, so that the walkthrough and the tests see the same story: the first
 * reconciliation attempt fails and its retry succeeds. Thread-safe.
 */
@Component
public class PaymentProvider {

    private final long unavailableCalls;

    private final AtomicLong calls = new AtomicLong();

    /**
     * Creates the simulated provider.
     *
     * @param unavailableCalls how many calls after start fail, 0 or more
     * @throws IllegalArgumentException naming {@code orders.payment-provider-unavailable-calls} when negative
     */
    public PaymentProvider(@Value("${orders.payment-provider-unavailable-calls:1}") long unavailableCalls) {
        if (unavailableCalls < 0) {
            throw new IllegalArgumentException("orders.payment-provider-unavailable-calls must be 0 or more, got " + unavailableCalls);
        }
        this.unavailableCalls = unavailableCalls;
    }

    /**
     * Asks the provider which of the shop's paid orders it has settled (the money is on its way to the shop).
     *
     * @param orderIds the paid orders to check
     * @return a new set, the ids the provider settled, in the order given
     * @throws PaymentProviderUnavailableException for the first {@code orders.payment-provider-unavailable-calls} calls
     */
    public Set<Long> settled(List<Long> orderIds) {
        long call = this.calls.incrementAndGet();
        if (call <= this.unavailableCalls) {
            throw new PaymentProviderUnavailableException("payment provider answered 503 Service Unavailable (simulated: call "
                    + call + " of the first " + this.unavailableCalls + " after start, orders.payment-provider-unavailable-calls)");
        }
        return new LinkedHashSet<>(orderIds);
    }
}
