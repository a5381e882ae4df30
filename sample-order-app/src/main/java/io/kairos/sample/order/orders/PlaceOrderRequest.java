package io.kairos.sample.order.orders;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /orders}: {@code {"items": [{"skuId": 1, "count": 2}]}}. Fields are nullable here so that
 * a missing one is answered with a 400 naming it, by {@link OrderService#place}.
 *
 * @param items the lines to order; at least one
 */
public record PlaceOrderRequest(@Nullable List<Item> items) {

    /**
     * One line to order.
     *
     * @param skuId the SKU, as {@code GET /skus} lists it
     * @param count units, at least 1
     */
    public record Item(@Nullable Long skuId, @Nullable Integer count) {
    }
}
