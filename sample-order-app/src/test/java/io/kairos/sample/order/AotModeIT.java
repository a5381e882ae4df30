package io.kairos.sample.order;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app started in Spring AOT mode ({@code -Dspring.aot.enabled=true}: the bean definitions generated
 * by {@code spring-boot-maven-plugin:process-aot} at build time replace the reflective configuration) on the JVM.
 * The scheduler starts, a job added at run time (an order's timeout) runs and cancels the order, and a
 * {@code @ScheduledJob} method runs on its declared trigger.
 */
class AotModeIT {

    @TempDir
    Path dir;

    @Test
    void theSchedulerRunsAddedAndDeclaredJobsInAotMode() throws Exception {
        Path log = this.dir.resolve("aot.log");
        String[] args = { "--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("db/shop") + ";WRITE_DELAY=0",
                "--orders.payment-timeout=2s", "--orders.statistics-cron=* * * * * *",
                "--spring.data.redis.port=1" };
        try (AppProcess app = AppProcess.start(log, List.of("-Dspring.aot.enabled=true"), args)) {
            ShopClient shop = app.client();
            int[] before = shop.stockAndSales(1);
            ShopClient.Response order = shop.order(1, 2);
            assertThat(order.status()).isEqualTo(201);
            long orderId = order.body().get("id").asLong();
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(shop.status(orderId)).isEqualTo("CANCELLED"));
            assertThat(shop.stockAndSales(1)).containsExactly(before);
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Files.readString(log)).contains("order statistics: UNPAID="));
        }
        assertThat(Files.readString(log)).contains("Starting AOT-processed").doesNotContain("Exception in thread");
    }

}
