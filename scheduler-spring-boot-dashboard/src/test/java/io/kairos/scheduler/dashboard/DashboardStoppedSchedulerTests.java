package io.kairos.scheduler.dashboard;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static io.kairos.scheduler.dashboard.DashboardHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduler that was not started ({@code kairos.auto-startup=false}): the overview still answers, the run
 * history is a 503 that says why.
 */
@SpringBootTest(classes = DashboardTestApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "kairos.dashboard.enabled=true", "kairos.auto-startup=false", DashboardTestApp.NO_SECURITY })
class DashboardStoppedSchedulerTests {

    @Value("${local.server.port}")
    private int port;

    @Test
    void theOverviewShowsTheStoppedSchedulerAndRunsAreUnavailable() throws Exception {
        DashboardHttp http = new DashboardHttp(this.port);
        JsonNode overview = json(http.get("/api/overview"));
        assertThat(overview.get("state").asString()).isEqualTo("STOPPED");
        assertThat(overview.get("recentRuns").get("total").asInt()).isZero();
        assertNotRunning(http.get("/api/runs"));
        assertNotRunning(http.get("/api/jobs/reports.refresh/runs"));
    }

    private static void assertNotRunning(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json(response).get("detail").asString()).startsWith("Scheduler is not running; ")
            .endsWith("needs a started scheduler");
        assertThat(json(response).get("field").isNull()).isTrue();
    }
}
