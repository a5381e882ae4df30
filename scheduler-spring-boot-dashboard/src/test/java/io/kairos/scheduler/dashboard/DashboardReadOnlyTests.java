package io.kairos.scheduler.dashboard;

import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static io.kairos.scheduler.dashboard.DashboardControllerTests.assertProblem;
import static io.kairos.scheduler.dashboard.DashboardHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Spring Security the dashboard is read-only unless told otherwise: reads work, every change is a 403 that
 * says how to allow changes.
 */
@SpringBootTest(classes = DashboardTestApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "kairos.dashboard.enabled=true", DashboardTestApp.NO_SECURITY })
class DashboardReadOnlyTests {

    private static final String REASON = "The dashboard is read-only. To allow changes, add Spring Security (changes then "
            + "need authority KAIROS_ADMIN, see kairos.dashboard.authority) or set kairos.dashboard.read-only=false behind "
            + "a gateway that authenticates.";

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private JobScheduler scheduler;

    @Test
    void readsWorkAndEveryChangeIsRefused() throws Exception {
        DashboardHttp http = new DashboardHttp(this.port);
        JsonNode overview = json(http.get("/api/overview"));
        assertThat(overview.get("canWrite").asBoolean()).isFalse();
        assertThat(overview.get("readOnlyReason").asString()).isEqualTo(REASON);
        assertThat(json(http.get("/api/jobs")).get("jobs").size()).isEqualTo(3);

        assertProblem(http.post("/api/jobs/reports.refresh/pause", "{}"), 403, null, REASON);
        assertProblem(http.post("/api/jobs/reports.refresh/reschedule", "{\"trigger\": {\"type\": \"cron\", \"hour\": \"1\"}}"),
                403, null, REASON);
        assertProblem(http.send("DELETE", "/api/jobs/reports.refresh", "{}", "application/json"), 403, null, REASON);
        assertProblem(http.post("/api/scheduler/pause", "{}"), 403, null, REASON);
        assertThat(this.scheduler.getJob("reports.refresh").orElseThrow().nextRunTime()).isPresent();
        assertThat(this.scheduler.state().name()).isEqualTo("RUNNING");
    }
}
