package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.boot.actuate.SchedulerHealthIndicator;
import io.kairos.scheduler.store.mongodb.InProcessMongo;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mongodb job stores from {@code kairos.jobstores.<alias>.*} on the application's {@code MongoClient} (Spring Boot's
 * {@code spring.mongodb.uri}), against mongo-java-server in-process.
 */
class MongoJobStoreAutoConfigurationTests {

    private static InProcessMongo server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class));

    @BeforeAll
    static void startServer() {
        server = new InProcessMongo(0, false);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void mongodbStoreUsesTheApplicationsClientDatabaseAndCollection() {
        this.runner.withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.uri=" + server.uri(), "kairos.jobstores.default.type=mongodb",
                    "kairos.jobstores.default.database=boot_db", "kairos.jobstores.default.collection=boot_jobs")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Scheduler.class).state()).isEqualTo(SchedulerState.RUNNING);
                List<String> indexes = context.getBean(MongoClient.class).getDatabase("boot_db").getCollection("boot_jobs")
                    .listIndexes().map((Document d) -> d.getString("name")).into(new ArrayList<>());
                assertThat(indexes).contains("kairos_next_run_time");
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> details = (Map<String, Map<String, Object>>) new SchedulerHealthIndicator(context.getBean(Scheduler.class)).health(true).getDetails()
                    .get("jobstoreDetails");
                assertThat(details).containsOnlyKeys("default");
                assertThat(details.get("default")).containsEntry("namespace", "boot_db.boot_jobs")
                    .containsEntry("servers", "127.0.0.1:" + server.port()).containsEntry("connected", true)
                    .containsEntry("wakeups", "polling");
            });
    }

    @Test
    void mongodbStoreWithoutTheDriverFailsNamingTheStore() {
        this.runner.withClassLoader(new FilteredClassLoader(MongoClient.class))
            .withPropertyValues("kairos.jobstores.docs.type=mongodb")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.docs.type").hasMessageContaining("mongodb-driver-sync"));
    }

    @Test
    void mongodbStoreWithoutAClientFailsNamingSpringsProperty() {
        this.runner.withPropertyValues("kairos.jobstores.docs.type=mongodb")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.docs.type").hasMessageContaining("spring.mongodb.uri"));
    }

    @Test
    void anUnreachableServerFailsStartUpNamingSpringsUri() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        this.runner.withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.uri=mongodb://127.0.0.1:" + deadPort + "/?serverSelectionTimeoutMS=300",
                    "kairos.jobstores.docs.type=mongodb")
            .run((context) -> {
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("'docs'", "Property: spring.mongodb.uri", "Value: 127.0.0.1:" + deadPort);
                assertThat(analysis.getAction()).contains("spring.mongodb.uri", "kairos.jobs", "kairos.jobstores.docs.database");
            });
    }

    @Test
    void badCollectionNameFailsNamingTheProperty() {
        this.runner.withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.uri=" + server.uri(), "kairos.jobstores.docs.type=mongodb",
                    "kairos.jobstores.docs.collection=a$b")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.docs.collection"));
    }

    @Test
    void mongodbOptionsOnOtherStoresAndTimeoutOnMongodbAreRefused() {
        this.runner.withPropertyValues("kairos.jobstores.docs.database=x")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.docs.database"));
        this.runner.withPropertyValues("kairos.jobstores.docs.type=mongodb", "kairos.jobstores.docs.timeout=5s")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.docs.timeout"));
    }
}
