package io.kairos.sample.order;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app with its H2 file database: an order is placed, the process is killed with SIGKILL before the
 * order's timeout, and started again after it. The restarted app cancels the order exactly once (the job was
 * missed while the app was down, and the misfire grace time is unlimited) and gives the stock back exactly once.
 */
class RestartSurvivalIT {

    @TempDir
    Path dir;

    @Test
    void anOrderDueWhileTheAppWasDownIsCancelledOnceAfterTheRestart() throws Exception {
        String[] args = { "--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("db/shop") + ";WRITE_DELAY=0",
                "--orders.payment-timeout=5s", "--kairos.scheduler-id=restart-it",
                // the default profile must not need Redis: point it at a closed port
                "--spring.data.redis.port=1" };
        Path firstLog = this.dir.resolve("first.log");
        Path secondLog = this.dir.resolve("second.log");
        int[] before;
        long orderId;
        Instant cancelAt;
        try (AppProcess first = AppProcess.start(firstLog, args)) {
            ShopClient shop = first.client();
            before = shop.stockAndSales(2);
            ShopClient.Response order = shop.order(2, 3);
            assertThat(order.status()).isEqualTo(201);
            orderId = order.body().get("id").asLong();
            cancelAt = Instant.parse(order.body().get("cancelAt").asString());
            first.kill();
        }
        assertThat(Instant.now()).as("killed before the timeout").isBefore(cancelAt);
        assertThat(AppProcess.timeoutRuns(firstLog)).isEmpty();

        // the app is down when the order becomes due
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(cancelAt.plusSeconds(1)));

        try (AppProcess second = AppProcess.start(secondLog, args)) {
            ShopClient shop = second.client();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shop.status(orderId)).isEqualTo("CANCELLED"));
            assertThat(shop.stockAndSales(2)).containsExactly(before);
            List<String[]> runs = second.timeoutRuns();
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0)).containsExactly(Long.toString(orderId), "CANCELLED", "restart-it");
        }
        assertThat(Files.readString(secondLog)).doesNotContain("Exception in thread");
    }
}
