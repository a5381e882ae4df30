package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.TestTrigger;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.InstantSource;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code kairos.jobstores.<alias>.type=zookeeper} from flat keys: the options reach the store, bad values are
 * refused naming the key, and an unreachable server fails the start naming the connect string.
 */
class ZooKeeperJobStoreFactoryTests {

    @RegisterExtension
    static final InProcessZooKeeper zooKeeper = new InProcessZooKeeper();

    @Test
    void flatKeysConfigureAZooKeeperStore() {
        Scheduler scheduler = Scheduler.builder().properties(Map.of("kairos.jobstores.zk.type", "zookeeper",
                "kairos.jobstores.zk.connect-string", zooKeeper.connectString(), "kairos.jobstores.zk.root-path", "/flat",
                "kairos.jobstores.zk.session-timeout", "10s", "kairos.jobstores.zk.connection-timeout", "2s")).build();
        assertThat(scheduler.jobStores().get("zk")).isInstanceOfSatisfying(ZooKeeperJobStore.class,
                (store) -> assertThat(store.rootPath()).isEqualTo("/flat"));
    }

    @Test
    void badOptionsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.jobstores.zk.type", "zookeeper",
                "kairos.jobstores.zk.root-path", "kairos")))
                .hasMessageContaining("'kairos.jobstores.zk.root-path'").hasMessageContaining("'kairos'");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.jobstores.zk.type", "zookeeper",
                "kairos.jobstores.zk.root-path", "/")))
                .hasMessageContaining("'kairos.jobstores.zk.root-path'");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.jobstores.zk.type", "zookeeper",
                "kairos.jobstores.zk.hosts", "x")))
                .hasMessageContaining("unknown option 'kairos.jobstores.zk.hosts'").hasMessageContaining("connect-string");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.jobstores.zk.type", "zookeeper",
                "kairos.jobstores.zk.session-timeout", "0s")))
                .hasMessageContaining("'kairos.jobstores.zk.session-timeout'");
    }

    @Test
    void startFailsNamingTheConnectStringWhenNoServerAnswers() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ZooKeeperJobStore store = ZooKeeperJobStore.builder().connectString("127.0.0.1:" + port)
                .connectionTimeout(java.time.Duration.ofMillis(500)).build();
        assertThatThrownBy(() -> store.start(new JobStoreContext("zk", "a", InstantSource.system(), TestTrigger.codec(), () -> { })))
                .isInstanceOf(JobStoreException.class).hasMessageContaining("127.0.0.1:" + port);
    }
}
