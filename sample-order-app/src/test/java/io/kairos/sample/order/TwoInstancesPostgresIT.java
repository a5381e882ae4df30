package io.kairos.sample.order;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged app instances on one PostgreSQL database (profile {@code postgres}), sharing the JDBC job store and
 * the shop's tables in a schema of their own (dropped afterwards, so parallel runs never collide). Orders are
 * placed on both; some are paid. Every unpaid order is cancelled by exactly one run of its timeout job, on one of
 * the two instances; paid orders get no run; stock and sales end where they should.
 */
class TwoInstancesPostgresIT {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path dir;

    String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        this.schema = "kairos_sample_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + this.schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
    }

    @Test
    void everyUnpaidOrderIsCancelledByExactlyOneInstance() {
        String url = URL + "?currentSchema=" + this.schema;
        Path logA = this.dir.resolve("a.log");
        Path logB = this.dir.resolve("b.log");
        List<String> common = List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
                "--orders.payment-timeout=4s", "--kairos.poll-interval=1s");
        try (AppProcess a = AppProcess.start(logA, args(common, "app-a"));
                AppProcess b = AppProcess.start(logB, args(common, "app-b"))) {
            ShopClient[] shops = { a.client(), b.client() };
            int[] before = shops[0].stockAndSales(1);
            List<Long> unpaid = new ArrayList<>();
            List<Long> paid = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ShopClient shop = shops[i % 2];
                long id = shop.order(1, 1).body().get("id").asLong();
                if (i % 3 == 0) {
                    assertThat(shops[(i + 1) % 2].post("/orders/" + id + "/pay", "").status()).isEqualTo(200);
                    paid.add(id);
                }
                else {
                    unpaid.add(id);
                }
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (long id : unpaid) {
                    assertThat(shops[0].status(id)).as("order %d", id).isEqualTo("CANCELLED");
                }
            });
            for (long id : paid) {
                assertThat(shops[1].status(id)).isEqualTo("PAID");
            }
            assertThat(shops[1].stockAndSales(1)).containsExactly(before[0] - paid.size(), before[1] + paid.size());

            List<String[]> runs = new ArrayList<>(a.timeoutRuns());
            runs.addAll(b.timeoutRuns());
            Map<Long, List<String>> instancesByOrder = new TreeMap<>();
            for (String[] run : runs) {
                instancesByOrder.computeIfAbsent(Long.parseLong(run[0]), k -> new ArrayList<>()).add(run[2] + ":" + run[1]);
            }
            assertThat(instancesByOrder.keySet()).containsExactlyInAnyOrderElementsOf(unpaid);
            instancesByOrder.forEach((order, instances) -> assertThat(instances).as("runs of order %d", order)
                    .hasSize(1).allMatch(s -> s.endsWith(":CANCELLED")));
            Set<String> instances = runs.stream().map(r -> r[2]).collect(Collectors.toSet());
            assertThat(instances).isSubsetOf("app-a", "app-b");
            System.out.println("[TwoInstancesPostgresIT] cancellation runs by order: " + instancesByOrder);
        }
    }

    private static String[] args(List<String> common, String schedulerId) {
        List<String> args = new ArrayList<>(common);
        args.add("--kairos.scheduler-id=" + schedulerId);
        return args.toArray(String[]::new);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
