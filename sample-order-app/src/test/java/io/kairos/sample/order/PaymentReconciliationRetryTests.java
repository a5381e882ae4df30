package io.kairos.sample.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kairos.sample.order.payments.PaymentProviderUnavailableException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walkthrough's retried job: the simulated payment provider refuses the first call after start, so the first
 * attempt of the payment reconciliation fails and its retry (attempt 2 of the same fire time) succeeds; the job's
 * history over {@code GET /actuator/scheduler/payment-reconciliation/runs} shows both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:payment-retry;DB_CLOSE_DELAY=-1", ShopClient.ADMIN_PASSWORD_PROPERTY,
        "orders.reconciliation-interval=1s", "orders.reconciliation-retry-backoff=1s" })
class PaymentReconciliationRetryTests {

    @LocalServerPort
    int port;

    @Test
    void theFirstAttemptFailsOnTheUnavailableProviderAndItsRetrySucceeds() {
        ShopClient admin = ShopClient.admin(this.port);
        long paid = admin.order(1, 1).body().get("id").asLong();
        assertThat(admin.post("/orders/" + paid + "/pay", "").status()).isEqualTo(200);

        JsonNode retry = await().atMost(Duration.ofSeconds(30)).until(() -> attempt(admin, 2), (run) -> run != null);
        assertThat(retry.get("outcome").asString()).isEqualTo("SUCCEEDED");
        JsonNode first = attempt(admin, 1, retry.get("scheduledAt").asString());
        assertThat(first).as("attempt 1 of the retried fire time").isNotNull();
        assertThat(first.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(first.get("error").get("type").asString()).isEqualTo(PaymentProviderUnavailableException.class.getName());
        assertThat(first.get("error").get("message").asString()).startsWith("payment provider answered 503 Service Unavailable");
        // instants, not strings: "...:01Z" sorts after "...:01.200Z" as text
        assertThat(Instant.parse(first.get("finishedAt").asString())).isBeforeOrEqualTo(Instant.parse(retry.get("startedAt").asString()));
        assertThat(retry.get("task").asString()).isEqualTo("paymentReconciliation.reconcile");
        // the result as JSON text; the order is paid before or after the job's first run
        assertThat(retry.get("result").asString()).matches("\\{\"checked\":[01],\"unsettled\":\\[]}");

        JsonNode job = admin.get("/actuator/scheduler/payment-reconciliation").body();
        assertThat(job.get("retry").get("maxAttempts").asInt()).isEqualTo(3);
    }

    private static JsonNode attempt(ShopClient admin, int attempt) {
        return attempt(admin, attempt, null);
    }

    /** The newest run with this attempt number (and fire time, when given), or {@code null}. */
    private static JsonNode attempt(ShopClient admin, int attempt, String scheduledAt) {
        ShopClient.Response response = admin.get("/actuator/scheduler/payment-reconciliation/runs?limit=500");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode run : response.body().get("runs")) {
            if (run.get("attempt").asInt() == attempt
                    && (scheduledAt == null || scheduledAt.equals(run.get("scheduledAt").asString()))) {
                matching.add(run);
            }
        }
        return matching.isEmpty() ? null : matching.get(0);
    }
}
