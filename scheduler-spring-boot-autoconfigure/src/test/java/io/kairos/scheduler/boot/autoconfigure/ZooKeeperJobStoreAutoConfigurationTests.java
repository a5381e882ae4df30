package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.boot.actuate.SchedulerHealthIndicator;
import io.kairos.scheduler.store.zookeeper.InProcessZooKeeper;
import io.kairos.scheduler.store.zookeeper.ZooKeeperJobStore;

import java.net.ServerSocket;
import java.util.Map;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kairos.jobstores.<alias>.type: zookeeper} in Spring Boot, against a real ZooKeeper server in this JVM
 * ({@link InProcessZooKeeper}, Curator's TestingServer): the properties reach the store, the application's {@link CuratorFramework} bean
 * wins over {@code connect-string}, and missing Curator or a bad property fails start-up naming the property.
 */
class ZooKeeperJobStoreAutoConfigurationTests {

    @RegisterExtension
    static final InProcessZooKeeper zooKeeper = new InProcessZooKeeper();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class));

    @Test
    void propertiesConfigureTheStore() {
        this.runner.withPropertyValues("kairos.jobstores.default.type=zookeeper",
                "kairos.jobstores.default.connect-string=" + zooKeeper.connectString(), "kairos.jobstores.default.root-path=/boot",
                "kairos.jobstores.default.session-timeout=10s", "kairos.jobstores.default.connection-timeout=2s")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
                assertThat(scheduler.jobStores().get("default")).isInstanceOfSatisfying(ZooKeeperJobStore.class,
                        (store) -> assertThat(store.rootPath()).isEqualTo("/boot"));
                assertThat(zooKeeper.raw().checkExists().forPath("/boot/jobs")).isNotNull();
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> details = (Map<String, Map<String, Object>>) new SchedulerHealthIndicator(scheduler).health(true).getDetails().get("jobstoreDetails");
                assertThat(details.get("default")).containsEntry("connectString", zooKeeper.connectString())
                    .containsEntry("rootPath", "/boot").containsEntry("connected", true);
            });
    }

    @Test
    void theApplicationsCuratorClientWinsOverConnectString() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        this.runner.withBean(CuratorFramework.class, () -> CuratorFrameworkFactory.newClient(zooKeeper.connectString(), new RetryOneTime(100)))
            .withPropertyValues("kairos.jobstores.default.type=zookeeper", "kairos.jobstores.default.root-path=/boot-bean",
                    "kairos.jobstores.default.connect-string=127.0.0.1:" + deadPort)
            .run((context) -> {
                assertThat(context.getBean(Scheduler.class).state()).isEqualTo(SchedulerState.RUNNING);
                assertThat(zooKeeper.raw().checkExists().forPath("/boot-bean/jobs")).isNotNull();
            });
    }

    @Test
    void withoutCuratorStartUpFailsNamingTheStore() {
        this.runner.withClassLoader(new FilteredClassLoader(CuratorCache.class))
            .withPropertyValues("kairos.jobstores.zk.type=zookeeper")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.zk.type").hasMessageContaining("Curator"));
    }

    @Test
    void anUnreachableServerFailsStartUpNamingTheConnectString() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        this.runner.withPropertyValues("kairos.jobstores.zk.type=zookeeper", "kairos.jobstores.zk.connect-string=127.0.0.1:" + deadPort,
                "kairos.jobstores.zk.connection-timeout=1s")
            .run((context) -> {
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("Property: kairos.jobstores.zk.connect-string", "Value: 127.0.0.1:" + deadPort);
                assertThat(analysis.getAction()).contains("kairos.jobstores.zk.connection-timeout");
            });
    }

    @Test
    void badPropertiesFailStartUpNamingTheProperty() {
        this.runner.withPropertyValues("kairos.jobstores.zk.type=zookeeper", "kairos.jobstores.zk.root-path=kairos")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.zk.root-path"));
        this.runner.withPropertyValues("kairos.jobstores.zk.type=memory", "kairos.jobstores.zk.connect-string=127.0.0.1:2181")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.zk.connect-string"));
        this.runner.withPropertyValues("kairos.jobstores.zk.type=zookeeper", "kairos.jobstores.zk.timeout=5s")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.zk.timeout").hasMessageContaining("session-timeout"));
        this.runner.withPropertyValues("kairos.jobstores.zk.type=zookeeper", "kairos.jobstores.zk.session-timeout=0s")
            .run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.zk.session-timeout"));
    }
}
