package io.kairos.scheduler.dashboard;

import java.net.http.HttpResponse;

import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static io.kairos.scheduler.dashboard.DashboardHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security: every dashboard request needs a user, changes need the authority KAIROS_ADMIN and a CSRF
 * token; the rest of the application keeps Spring Boot's default security.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { DashboardTestApp.class, DashboardSecurityTests.Users.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "kairos.dashboard.enabled=true")
class DashboardSecurityTests {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private JobScheduler scheduler;

    @Test
    void anonymousRequestsAreRefused() throws Exception {
        assertThat(new DashboardHttp(this.port).get("/api/overview").statusCode()).isEqualTo(401);
        assertThat(new DashboardHttp(this.port).get("/").statusCode()).isEqualTo(401);
    }

    @Test
    void aUserWithoutTheAuthorityReadsButCannotChange() throws Exception {
        DashboardHttp viewer = new DashboardHttp(this.port).as("viewer", "viewer-pw");
        HttpResponse<String> first = viewer.get("/api/overview");
        JsonNode overview = json(first);
        assertThat(overview.get("user").asString()).isEqualTo("viewer");
        assertThat(overview.get("canWrite").asBoolean()).isFalse();
        assertThat(overview.get("readOnlyReason").asString())
            .isEqualTo("Read-only for you: changes need the authority KAIROS_ADMIN (kairos.dashboard.authority).");
        String session = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> refused = viewer.send("POST", "/api/jobs/reports.refresh/pause", "{}", "application/json",
                "X-CSRF-TOKEN", overview.get("csrf").get("token").asString(), "Cookie", session);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(this.scheduler.getJob("reports.refresh").orElseThrow().nextRunTime()).isPresent();
    }

    @Test
    void anAdminChangesWithTheCsrfTokenOnlyAndTheChangeIsLoggedWithTheUser(CapturedOutput output) throws Exception {
        DashboardHttp admin = new DashboardHttp(this.port).as("admin", "admin-pw");
        HttpResponse<String> first = admin.get("/api/overview");
        JsonNode overview = json(first);
        assertThat(overview.get("canWrite").asBoolean()).isTrue();
        assertThat(overview.get("csrf").get("header").asString()).isEqualTo("X-CSRF-TOKEN");
        // without the token the request is refused before it is authenticated: 401
        assertThat(admin.post("/api/jobs/nightly.cleanup/pause", "{}").statusCode()).isEqualTo(401);
        assertThat(this.scheduler.getJob("nightly.cleanup").orElseThrow().nextRunTime()).isPresent();

        String session = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> paused = admin.send("POST", "/api/jobs/nightly.cleanup/pause", "{}", "application/json",
                "X-CSRF-TOKEN", overview.get("csrf").get("token").asString(), "Cookie", session);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(this.scheduler.getJob("nightly.cleanup").orElseThrow().nextRunTime()).isEmpty();
        assertThat(output.getOut()).contains("Job 'nightly.cleanup' paused by user 'admin' via the dashboard");
        this.scheduler.resumeJob("nightly.cleanup");
    }

    @Test
    void theRestOfTheApplicationKeepsSpringBootsDefaultSecurity() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> other = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + this.port + "/anything")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(401);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Users {

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("admin").password("{noop}admin-pw").authorities("KAIROS_ADMIN").build(),
                    User.withUsername("viewer").password("{noop}viewer-pw").authorities("REPORTS").build());
        }
    }
}
