package io.kairos.scheduler.boot.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduler that was not started ({@code kairos.auto-startup=false}): the endpoint still shows it, and what needs a
 * started scheduler (run history, pausing or resuming the scheduler) is a 503 whose body says why, as the dashboard
 * answers it, not a bare 500.
 */
@SpringBootTest(classes = SchedulerEndpointWebIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "kairos.auto-startup=false", "management.endpoints.web.exposure.include=scheduler",
                "management.endpoint.scheduler.access=unrestricted" })
class SchedulerEndpointStoppedSchedulerWebIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @Test
    void theSchedulerIsShownAndWhatNeedsItStartedIsA503WithTheReason() throws Exception {
        HttpResponse<String> scheduler = send("GET", "/actuator/scheduler", null);
        assertThat(scheduler.statusCode()).as(scheduler.body()).isEqualTo(200);
        assertThat(json(scheduler).get("state").asString()).isEqualTo("STOPPED");
        assertNotRunning(send("GET", "/actuator/scheduler/runs", null), "reading run history");
        assertNotRunning(send("GET", "/actuator/scheduler/reports.refresh/runs?limit=5", null), "reading run history");
        assertNotRunning(send("POST", "/actuator/scheduler", "{\"action\":\"resume\"}"), "resume");
        assertNotRunning(send("POST", "/actuator/scheduler", "{\"action\":\"pause\"}"), "pause");
        HttpResponse<String> job = send("GET", "/actuator/scheduler/nope", null);
        assertThat(job.statusCode()).as(job.body()).isEqualTo(404);
    }

    private static void assertNotRunning(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        JsonNode problem = json(response);
        assertThat(problem.get("title").asString()).isEqualTo("Service Unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asString()).isEqualTo("Scheduler is not running; " + what + " needs a started scheduler");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
