package io.kairos.sample.order.catalog;

import java.math.BigDecimal;

/**
 * A stock-keeping unit: one product the shop sells. Immutable.
 *
 * @param id the SKU id
 * @param name what it is
 * @param price unit price (two decimals, currency left implicit)
 * @param stock units left to sell, never negative
 * @param sales units sold by orders that are not cancelled (unpaid orders included), never negative
 */
public record Sku(long id, String name, BigDecimal price, int stock, int sales) {
}
