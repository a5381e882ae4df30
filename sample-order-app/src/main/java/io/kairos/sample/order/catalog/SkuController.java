package io.kairos.sample.order.catalog;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /skus}: the catalog with current stock and sales. */
@RestController
public class SkuController {

    private final SkuRepository skus;

    /**
     * Creates the controller.
     *
     * @param skus the SKU table
     */
    public SkuController(SkuRepository skus) {
        this.skus = skus;
    }

    /**
     * Lists every SKU.
     *
     * @return {@code [{"id", "name", "price", "stock", "sales"}]}, ordered by id
     */
    @GetMapping("/skus")
    public List<Sku> list() {
        return this.skus.findAll();
    }
}
