package io.kairos.sample.order.orders;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The order API: place ({@code POST /orders}), pay ({@code POST /orders/{id}/pay}) and read ({@code GET /orders/{id}}). */
@RestController
@RequestMapping("/orders")
public class OrderController {

    private final OrderService service;

    /**
     * Creates the controller.
     *
     * @param service the order service
     */
    public OrderController(OrderService service) {
        this.service = service;
    }

    /**
     * Places an order.
     *
     * @param request {@code {"items": [{"skuId": 1, "count": 2}]}}
     * @return 201 with the order and its {@code Location}; errors as {@link OrderService#place} describes
     */
    @PostMapping
    public ResponseEntity<Order> place(@RequestBody PlaceOrderRequest request) {
        Order order = this.service.place(request);
        return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
    }

    /**
     * Pays an order.
     *
     * @param id the order id
     * @return the paid order; errors as {@link OrderService#pay} describes
     */
    @PostMapping("/{id}/pay")
    public Order pay(@PathVariable long id) {
        return this.service.pay(id);
    }

    /**
     * Reads an order.
     *
     * @param id the order id
     * @return the order; 404 when absent
     */
    @GetMapping("/{id}")
    public Order get(@PathVariable long id) {
        return this.service.find(id);
    }
}
