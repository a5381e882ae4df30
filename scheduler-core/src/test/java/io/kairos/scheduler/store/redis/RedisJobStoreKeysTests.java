package io.kairos.scheduler.store.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisJobStoreKeysTests {

    @Test
    void defaultsFollowApschedulersNamesUnderTheKairosPrefix() {
        RedisJobStoreKeys keys = RedisJobStoreKeys.defaults();
        assertThat(keys.jobs()).isEqualTo("kairos.jobs");
        assertThat(keys.runTimes()).isEqualTo("kairos.run_times");
        assertThat(keys.leases()).isEqualTo("kairos.leases");
        assertThat(keys.wakeupChannel()).isEqualTo("kairos.wakeup");
        assertThat(keys.all()).containsExactly("kairos.jobs", "kairos.run_times", "kairos.fire_times", "kairos.versions",
                "kairos.leases", "kairos.lease_owners", "kairos.broken", "kairos.finished", "kairos.ids");
    }

    @Test
    void keysMadeWithoutAnIdIndexNameItAfterTheJobsHash() {
        RedisJobStoreKeys keys = new RedisJobStoreKeys("j", "r", "f", "v", "l", "o", "b", "w", "done");
        assertThat(keys.ids()).isEqualTo("j.ids");
        assertThat(new RedisJobStoreKeys("j", "r", "f", "v", "l", "o", "b", "w").ids()).isEqualTo("j.ids");
    }

    @Test
    void apschedulersTwoKeysCanBeRenamedAlone() {
        RedisJobStoreKeys keys = RedisJobStoreKeys.defaults().withJobs("my.jobs").withRunTimes("my.run_times");
        assertThat(keys.jobs()).isEqualTo("my.jobs");
        assertThat(keys.runTimes()).isEqualTo("my.run_times");
        assertThat(keys.versions()).isEqualTo("kairos.versions");
    }

    @Test
    void blankNameIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> RedisJobStoreKeys.defaults().withRunTimes(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runTimes");
    }

    @Test
    void twoComponentsOnOneKeyAreRefused() {
        assertThatThrownBy(() -> RedisJobStoreKeys.defaults().withJobs("kairos.run_times"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jobs' and 'runTimes'")
                .hasMessageContaining("kairos.run_times");
    }
}
