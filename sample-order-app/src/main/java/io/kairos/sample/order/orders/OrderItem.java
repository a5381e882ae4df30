package io.kairos.sample.order.orders;

import java.math.BigDecimal;

/**
 * One line of an order (a row of {@code order_goods}). Immutable.
 *
 * @param skuId the SKU ordered
 * @param count units, positive
 * @param price unit price when the order was placed
 */
public record OrderItem(long skuId, int count, BigDecimal price) {
}
