package io.kairos.sample.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kairos.sample.order.orders.OrderTimeouts;
import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole story with a 2-second payment timeout: two orders, one paid in time, the other left to time out; the
 * scheduler cancels the unpaid one and gives its stock and sales back, the paid one keeps them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:order-story;DB_CLOSE_DELAY=-1",
        "orders.payment-timeout=2s" })
class OrderTimeoutStoryTests {

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @Test
    void anUnpaidOrderIsCancelledAfterTheTimeoutAndAPaidOneIsKept() {
        ShopClient shop = new ShopClient(this.port);
        int[] teapots = shop.stockAndSales(2);
        int[] cups = shop.stockAndSales(3);

        long unpaid = shop.post("/orders", Map.of("items", List.of(Map.of("skuId", 2, "count", 2),
                Map.of("skuId", 3, "count", 5)))).body().get("id").asLong();
        long paid = shop.order(2, 1).body().get("id").asLong();
        assertThat(shop.post("/orders/" + paid + "/pay", "").status()).isEqualTo(200);
        assertThat(shop.stockAndSales(2)).containsExactly(teapots[0] - 3, teapots[1] + 3);
        assertThat(shop.stockAndSales(3)).containsExactly(cups[0] - 5, cups[1] + 5);
        assertThat(this.scheduler.getJob(OrderTimeouts.jobId(unpaid))).isPresent();
        assertThat(this.scheduler.getJob(OrderTimeouts.jobId(paid))).isEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shop.status(unpaid)).isEqualTo("CANCELLED"));

        assertThat(shop.status(paid)).isEqualTo("PAID");
        assertThat(shop.stockAndSales(2)).containsExactly(teapots[0] - 1, teapots[1] + 1);
        assertThat(shop.stockAndSales(3)).containsExactly(cups);
        // a date job is finished after its one run
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(this.scheduler.getJob(OrderTimeouts.jobId(unpaid))).isEmpty());
    }
}
