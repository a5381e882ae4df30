package io.kairos.sample.order;

import java.util.Map;

import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees and changes jobs, over real HTTP: the shop's API is open; the admin API, the scheduler endpoint (jobs
 * with their arguments), the metrics and the health details need the admin user; the health status stays open.
 * Task names reach only the shop's own package.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:order-security;DB_CLOSE_DELAY=-1", ShopClient.ADMIN_PASSWORD_PROPERTY })
class ShopSecurityTests {

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @Test
    void anyoneMayShopButOnlyTheAdminSeesOrAddsJobs() {
        ShopClient anonymous = new ShopClient(this.port);
        assertThat(anonymous.get("/skus").status()).isEqualTo(200);
        assertThat(anonymous.order(1, 1).status()).isEqualTo(201);

        assertThat(anonymous.get("/actuator/scheduler").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(anonymous.get("/admin/jobs").status()).isEqualTo(401);
        Map<String, String> cron = Map.of("job_id", "stats-every-10s", "cron", "0/10 * * * * *", "task", "statistics");
        assertThat(anonymous.post("/admin/jobs", cron).status()).isEqualTo(401);
        assertThat(this.scheduler.getJob("stats-every-10s")).isEmpty();

        ShopClient wrongPassword = ShopClient.as(this.port, "admin", "guess");
        assertThat(wrongPassword.get("/actuator/scheduler").status()).isEqualTo(401);
        assertThat(wrongPassword.post("/admin/jobs", cron).status()).isEqualTo(401);

        ShopClient admin = ShopClient.admin(this.port);
        assertThat(admin.get("/actuator/scheduler").status()).isEqualTo(200);
        assertThat(admin.get("/admin/jobs").status()).isEqualTo(200);
        assertThat(admin.post("/admin/jobs", cron).status()).isEqualTo(201);
        assertThat(this.scheduler.getJob("stats-every-10s")).isPresent();
    }

    @Test
    void theDashboardIsOnForTheAdminOnlyWhoMayChangeJobs() {
        assertThat(new ShopClient(this.port).get("/kairos/api/overview").status()).isEqualTo(401);
        ShopClient.Response overview = ShopClient.admin(this.port).get("/kairos/api/overview");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body().get("user").asString()).isEqualTo("admin");
        assertThat(overview.body().get("canWrite").asBoolean()).as("%s", overview.body()).isTrue();
    }

    @Test
    void healthShowsItsStatusToAnyoneAndItsDetailsToTheAdminOnly() {
        ShopClient.Response anonymous = new ShopClient(this.port).get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).as("%s", anonymous.body()).isFalse();

        ShopClient.Response admin = ShopClient.admin(this.port).get("/actuator/health");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body().get("components").get("scheduler").get("details").get("jobstores").has("default"))
                .as("%s", admin.body()).isTrue();
    }

    @Test
    void taskNamesReachOnlyTheShopsOwnPackage() {
        assertThat(this.scheduler.engine().taskRegistry().allowedPackages().packages())
                .containsExactly(SampleOrderApplication.class.getPackageName());
    }
}
