package io.kairos.scheduler.store.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuaScriptTests {

    @Test
    void everyBundledScriptLoadsWithItsOwnDigest() {
        RedisScripts scripts = new RedisScripts();
        assertThat(scripts.acquire.sha()).hasSize(40).isNotEqualTo(scripts.release.sha());
        assertThat(scripts.markBroken.name()).isEqualTo("mark_broken");
    }

    @Test
    void digestIsRedisScriptSha1() {
        // SHA1("return 1"), as Redis' SCRIPT LOAD reports it.
        assertThat(LuaScript.of("one", "return 1").sha()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
    }

    @Test
    void missingScriptIsAPackagingError() {
        assertThatThrownBy(() -> LuaScript.load("nope")).isInstanceOf(IllegalStateException.class).hasMessageContaining("nope.lua");
    }
}
