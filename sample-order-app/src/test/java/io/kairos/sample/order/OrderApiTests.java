package io.kairos.sample.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.kairos.sample.order.jobs.OrderStatisticsJob;
import io.kairos.sample.order.orders.CancelOutcome;
import io.kairos.sample.order.orders.OrderStatus;
import io.kairos.sample.order.orders.OrderTimeoutJob;
import io.kairos.sample.order.orders.OrderTimeouts;
import io.kairos.scheduler.Job;
import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint and error of the shop over real HTTP, on an in-memory H2 database with the JDBC job store.
 * The payment timeout is 30 minutes, so no timeout job runs on its own here; the cancellation task is called
 * directly where a cancelled order is needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:order-api;DB_CLOSE_DELAY=-1",
        "orders.payment-timeout=30m", ShopClient.ADMIN_PASSWORD_PROPERTY })
class OrderApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @Autowired
    OrderTimeoutJob timeoutJob;

    @Autowired
    OrderStatisticsJob statistics;

    ShopClient shop() {
        return ShopClient.admin(this.port);
    }

    @Test
    void listsTheSeededSkus() {
        ShopClient.Response response = shop().get("/skus");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().size()).isGreaterThanOrEqualTo(4);
        JsonNode teapot = response.body().get(1);
        assertThat(teapot.get("id").asLong()).isEqualTo(2);
        assertThat(teapot.get("name").asString()).isEqualTo("Teapot");
        assertThat(teapot.get("price").decimalValue()).isEqualByComparingTo("39.00");
        assertThat(teapot.has("stock")).isTrue();
        assertThat(teapot.has("sales")).isTrue();
    }

    @Test
    void placingAnOrderTakesStockCountsSalesAndAddsItsTimeoutJob() {
        ShopClient shop = shop();
        int[] before = shop.stockAndSales(1);

        ShopClient.Response response = shop.post("/orders",
                Map.of("items", List.of(Map.of("skuId", 1, "count", 2), Map.of("skuId", 1, "count", 1))));

        assertThat(response.status()).isEqualTo(201);
        JsonNode order = response.body();
        long id = order.get("id").asLong();
        assertThat(order.get("status").asString()).isEqualTo("UNPAID");
        Instant createdAt = Instant.parse(order.get("createdAt").asString());
        Instant cancelAt = Instant.parse(order.get("cancelAt").asString());
        assertThat(Duration.between(createdAt, cancelAt)).isEqualTo(Duration.ofMinutes(30));
        assertThat(order.get("items")).hasSize(1);
        assertThat(order.get("items").get(0).get("skuId").asLong()).isEqualTo(1);
        assertThat(order.get("items").get(0).get("count").asInt()).isEqualTo(3);
        assertThat(order.get("items").get(0).get("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(shop.stockAndSales(1)).containsExactly(before[0] - 3, before[1] + 3);

        Job job = this.scheduler.getJob(OrderTimeouts.jobId(id)).orElseThrow();
        assertThat(job.task()).isEqualTo(OrderTimeouts.TASK);
        assertThat(job.args()).hasSize(1);
        assertThat(((Number) job.args().get(0)).longValue()).isEqualTo(id);
        assertThat(job.misfireGraceTime()).isEmpty();
        assertThat(job.nextRunTime().orElseThrow().toInstant()).isEqualTo(cancelAt);
        assertThat(shop.get("/orders/" + id).body().get("status").asString()).isEqualTo("UNPAID");
    }

    @Test
    void notEnoughStockIsAConflictAndChangesNothing() {
        ShopClient shop = shop();
        int[] tea = shop.stockAndSales(1);
        int[] tin = shop.stockAndSales(4);
        int jobs = this.scheduler.getJobs().size();

        ShopClient.Response response = shop.post("/orders",
                Map.of("items", List.of(Map.of("skuId", 1, "count", 1), Map.of("skuId", 4, "count", tin[0] + 1))));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asString())
                .isEqualTo("Not enough stock for SKU 4 ('Limited edition tin'): " + (tin[0] + 1) + " ordered, " + tin[0] + " in stock");
        assertThat(shop.stockAndSales(1)).containsExactly(tea);
        assertThat(shop.stockAndSales(4)).containsExactly(tin);
        assertThat(this.scheduler.getJobs()).hasSize(jobs);
    }

    @Test
    void concurrentOrdersNeverOversellAndOnlySavedOrdersKeepAJob() throws Exception {
        ShopClient shop = shop();
        int stock = shop.stockAndSales(4)[0];
        int jobs = this.scheduler.getJobs().size();
        int buyers = stock + 5;
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            List<Future<ShopClient.Response>> responses = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                responses.add(pool.submit(() -> shop.order(4, 1)));
            }
            List<Long> placed = new ArrayList<>();
            int conflicts = 0;
            for (Future<ShopClient.Response> response : responses) {
                ShopClient.Response r = response.get();
                if (r.status() == 201) {
                    placed.add(r.body().get("id").asLong());
                }
                else {
                    assertThat(r.status()).as("%s", r.body()).isEqualTo(409);
                    conflicts++;
                }
            }
            assertThat(placed).hasSize(stock);
            assertThat(conflicts).isEqualTo(5);
            assertThat(shop.stockAndSales(4)[0]).isZero();
            assertThat(this.scheduler.getJobs()).hasSize(jobs + stock);
            for (long id : placed) {
                assertThat(this.scheduler.getJob(OrderTimeouts.jobId(id))).isPresent();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badOrdersAreBadRequestsNamingTheField() {
        ShopClient shop = shop();
        assertBadRequest(shop.post("/orders", Map.of("items", List.of(Map.of("skuId", 999, "count", 1)))),
                "Unknown SKU id(s) [999]; GET /skus lists the SKUs on sale");
        assertBadRequest(shop.post("/orders", Map.of("items", List.of(Map.of("skuId", 1, "count", 0)))),
                "items[0].count must be a whole number from 1 to 10000, got 0");
        assertBadRequest(shop.post("/orders", Map.of("items", List.of(Map.of("count", 1)))),
                "items[0].skuId is missing; GET /skus lists the SKUs on sale");
        assertBadRequest(shop.post("/orders", Map.of("items", List.of())),
                "items must list at least one {\"skuId\", \"count\"}");
        assertBadRequest(shop.post("/orders", Map.of()), "items must list at least one {\"skuId\", \"count\"}");
        ShopClient.Response malformed = shop.postRaw("/orders", "{\"items\": [");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void numbersAreStrictAndEveryUnreadableBodyIsAProblemNamingTheField() {
        ShopClient shop = shop();
        int[] before = shop.stockAndSales(1);
        assertFieldProblem(shop.postRaw("/orders", "{\"items\":[{\"skuId\":1,\"count\":1.5}]}"), "items[0].count",
                "items[0].count must be a whole number written as a JSON number");
        assertFieldProblem(shop.postRaw("/orders", "{\"items\":[{\"skuId\":1,\"count\":\"\uFF11\uFF12\"}]}"), "items[0].count",
                "items[0].count must be a whole number written as a JSON number");
        assertFieldProblem(shop.postRaw("/orders", "{\"items\":[{\"skuId\":1,\"count\":\"12\"}]}"), "items[0].count",
                "items[0].count must be a whole number written as a JSON number");
        assertFieldProblem(shop.postRaw("/orders", "{\"items\":[{\"skuId\":1,\"count\":99999999999}]}"), "items[0].count",
                "items[0].count must be a whole number written as a JSON number");
        assertFieldProblem(shop.postRaw("/orders", "{\"items\":[{\"skuId\":1,\"cnt\":2}]}"), "items[0].cnt",
                "items[0].cnt is not a field of this request; valid: [count, skuId]");
        assertBadRequest(shop.post("/orders", Map.of("items", List.of(Map.of("skuId", 1, "count", 2_000_000_000),
                Map.of("skuId", 1, "count", 2_000_000_000)))), "items[0].count must be a whole number from 1 to 10000, got 2000000000");
        assertBadRequest(shop.post("/orders", Map.of("items", List.of(Map.of("skuId", 1, "count", 6000),
                Map.of("skuId", 1, "count", 6000)))), "items[1].count brings SKU 1 to 12000 units; at most 10000 per SKU in one order");
        ShopClient.Response malformed = shop.postRaw("/orders", "{\"items\": [{\"skuId\": 1,, }]}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body().get("detail").asString()).startsWith("The request body is not valid JSON at line 1, column ");
        assertThat(shop.stockAndSales(1)).containsExactly(before);
    }

    @Test
    void anOverlongUrlIsAProblemNotTomcatsHtmlPage() {
        ShopClient.Response response = shop().get("/orders/" + "1".repeat(20_000));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).contains("longer than the server accepts");
    }

    @Test
    void payingRemovesTheJobAndPayingTwiceIsHarmless() {
        ShopClient shop = shop();
        long id = shop.order(2, 1).body().get("id").asLong();
        assertThat(this.scheduler.getJob(OrderTimeouts.jobId(id))).isPresent();
        int[] afterOrder = shop.stockAndSales(2);

        ShopClient.Response paid = shop.post("/orders/" + id + "/pay", "");
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.body().get("status").asString()).isEqualTo("PAID");
        assertThat(paid.body().get("paidAt").isNull()).isFalse();
        assertThat(this.scheduler.getJob(OrderTimeouts.jobId(id))).isEmpty();

        ShopClient.Response again = shop.post("/orders/" + id + "/pay", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("paidAt").asString()).isEqualTo(paid.body().get("paidAt").asString());
        assertThat(shop.stockAndSales(2)).containsExactly(afterOrder);
        // a timeout job that runs anyway (removal lost in a crash) leaves a paid order alone
        assertThat(this.timeoutJob.cancelUnpaidOrder(id)).isEqualTo(CancelOutcome.ALREADY_PAID);
        assertThat(shop.status(id)).isEqualTo("PAID");
    }

    @Test
    void cancellingGivesStockBackOnceAndPayingACancelledOrderIsAConflict() {
        ShopClient shop = shop();
        int[] before = shop.stockAndSales(3);
        long id = shop.order(3, 4).body().get("id").asLong();
        assertThat(shop.stockAndSales(3)).containsExactly(before[0] - 4, before[1] + 4);

        assertThat(this.timeoutJob.cancelUnpaidOrder(id)).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(this.timeoutJob.cancelUnpaidOrder(id)).isEqualTo(CancelOutcome.ALREADY_CANCELLED);
        assertThat(shop.stockAndSales(3)).containsExactly(before);
        JsonNode order = shop.get("/orders/" + id).body();
        assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.get("cancelledAt").isNull()).isFalse();

        ShopClient.Response pay = shop.post("/orders/" + id + "/pay", "");
        assertThat(pay.status()).isEqualTo(409);
        assertThat(pay.body().get("detail").asString()).startsWith("Order " + id + " was cancelled at ");
        assertThat(this.timeoutJob.cancelUnpaidOrder(987654)).isEqualTo(CancelOutcome.NO_SUCH_ORDER);
    }

    @Test
    void unknownOrdersAreNotFound() {
        ShopClient shop = shop();
        ShopClient.Response get = shop.get("/orders/987654");
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.contentType()).startsWith("application/problem+json");
        assertThat(get.body().get("detail").asString()).isEqualTo("No order with id 987654");
        assertThat(shop.post("/orders/987654/pay", "").status()).isEqualTo(404);
        assertThat(shop.get("/orders/abc").status()).isEqualTo(400);
    }

    @Test
    void theStatisticsJobCountsOrdersByStatus() {
        Map<OrderStatus, Long> before = this.statistics.logCounts();
        ShopClient shop = shop();
        long paid = shop.order(1, 1).body().get("id").asLong();
        shop.post("/orders/" + paid + "/pay", "");
        shop.order(1, 1);
        Map<OrderStatus, Long> after = this.statistics.logCounts();
        assertThat(after).containsEntry(OrderStatus.UNPAID, before.get(OrderStatus.UNPAID) + 1)
                .containsEntry(OrderStatus.PAID, before.get(OrderStatus.PAID) + 1)
                .containsEntry(OrderStatus.CANCELLED, before.get(OrderStatus.CANCELLED));
        Job declared = this.scheduler.getJob("order-statistics").orElseThrow();
        assertThat(declared.task()).isEqualTo(OrderStatisticsJob.TASK);
        assertThat(declared.trigger().toSpec()).containsEntry("expression", "0 0/5 * * * *");
    }

    @Test
    void adminAddsAndListsCronJobs() {
        ShopClient shop = shop();
        ShopClient.Response added = shop.post("/admin/jobs",
                Map.of("job_id", "stats-hourly", "cron", "0 0 * * * *", "task", "statistics"));
        assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
        assertThat(added.body().get("job_id").asString()).isEqualTo("stats-hourly");
        assertThat(added.body().get("task").asString()).isEqualTo("orderStatistics.logCounts");
        Instant next = Instant.parse(added.body().get("next_run_time").asString());
        assertThat(next.getEpochSecond() % 3600).isZero();

        JsonNode listed = shop.get("/admin/jobs").body();
        assertThat(listed.valueStream().map(j -> j.get("job_id").asString()))
                .contains("stats-hourly", "order-statistics");

        ShopClient.Response taken = shop.post("/admin/jobs",
                Map.of("job_id", "stats-hourly", "cron", "0 0 * * * *", "task", "statistics"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().get("detail").asString()).isEqualTo("job_id 'stats-hourly' is taken; pick another id");
    }

    @Test
    void adminRejectsBadCronUnknownTasksAndBadIds() {
        ShopClient shop = shop();
        assertBadRequest(shop.post("/admin/jobs", Map.of("job_id", "a", "cron", "0 * * * *", "task", "statistics")),
                "cron must have 6 fields (second minute hour day month day_of_week), got 5 in '0 * * * *'");
        ShopClient.Response invalid = shop.post("/admin/jobs", Map.of("job_id", "b", "cron", "0 0 25 * * *", "task", "statistics"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("detail").asString()).startsWith("cron '0 0 25 * * *' is invalid: ");
        assertBadRequest(shop.post("/admin/jobs", Map.of("job_id", "c", "cron", "0 0 * * * *", "task", "rm -rf")),
                "task must be one of [statistics, stockSnapshot], got 'rm -rf'");
        assertBadRequest(shop.post("/admin/jobs", Map.of("job_id", "d", "cron", "0 0 * * * *", "task", "stockSnapshot")),
                "task 'stockSnapshot' is not available: bean 'stockSnapshot' exists only with profile redis");
        assertBadRequest(shop.post("/admin/jobs", Map.of("job_id", "no spaces", "cron", "0 0 * * * *", "task", "statistics")),
                "job_id must be 1-100 characters of A-Z a-z 0-9 . _ -, got 'no spaces'");
        assertThat(this.scheduler.getJob("a")).isEmpty();
        assertThat(this.scheduler.getJob("b")).isEmpty();
    }

    @Test
    void adminLimitsCronLengthEchoesAndTheNumberOfJobs() {
        ShopClient shop = shop();
        assertBadRequest(shop.post("/admin/jobs", Map.of("job_id", "x".repeat(5000), "cron", "0 0 * * * *", "task", "statistics")),
                "job_id must be 1-100 characters of A-Z a-z 0-9 . _ -, got '" + "x".repeat(64) + "…' (5000 characters)");
        assertBadRequest(shop.post("/admin/jobs", Map.of("job_id", "long", "cron", "0 0 * * * " + "1,".repeat(100) + "1",
                "task", "statistics")), "cron is 211 characters long; at most 120");
        assertBadRequest(shop.post("/admin/jobs", Map.of("job_id", "t", "cron", "0 0 * * * *", "task", "t".repeat(1000))),
                "task must be one of [statistics, stockSnapshot], got '" + "t".repeat(64) + "…' (1000 characters)");
        List<String> added = new ArrayList<>();
        try {
            ShopClient.Response last = null;
            for (int i = 0; i <= 20; i++) {
                last = shop.post("/admin/jobs", Map.of("job_id", "limit-" + i, "cron", "0 0 3 * * *", "task", "statistics"));
                if (last.status() != 201) {
                    break;
                }
                added.add("limit-" + i);
            }
            assertThat(last.status()).isEqualTo(409);
            assertThat(last.body().get("detail").asString())
                .isEqualTo("at most 20 jobs can be added here and there are 20; remove one first (DELETE /actuator/scheduler/{id})");
            assertThat(this.scheduler.getJobs().stream().filter((job) -> job.name().startsWith("admin: "))).hasSize(20);
        }
        finally {
            added.forEach(this.scheduler::removeJob);
        }
    }

    @Test
    void adminRejectsACronThatNeverFires() {
        ShopClient.Response never = shop().post("/admin/jobs", Map.of("job_id", "feb30", "cron", "0 0 0 30 2 *", "task", "statistics"));
        assertThat(never.status()).isEqualTo(400);
        assertThat(never.body().get("detail").asString()).contains("never fires");
        assertThat(this.scheduler.getJob("feb30")).isEmpty();
    }

    @Test
    void actuatorExposesSchedulerHealthAndMetrics() {
        ShopClient shop = shop();
        long id = shop.order(1, 1).body().get("id").asLong();
        ShopClient.Response scheduler = shop.get("/actuator/scheduler");
        assertThat(scheduler.status()).isEqualTo(200);
        assertThat(scheduler.body().toString()).contains(OrderTimeouts.jobId(id));
        ShopClient.Response health = shop.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
        assertThat(shop.get("/actuator/metrics").status()).isEqualTo(200);
    }

    private static void assertFieldProblem(ShopClient.Response response, String field, String detailStart) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("field").asString()).isEqualTo(field);
        assertThat(response.body().get("detail").asString()).startsWith(detailStart);
    }

    private static void assertBadRequest(ShopClient.Response response, String detail) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asString()).isEqualTo(detail);
    }
}
