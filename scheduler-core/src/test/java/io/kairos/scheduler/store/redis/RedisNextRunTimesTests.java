package io.kairos.scheduler.store.redis;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisNextRunTimesTests {

    private static final Optional<Instant> AT = Optional.of(Instant.ofEpochMilli(1_700_000_000_000L));

    private final RedisNextRunTimes nextRunTimes = new RedisNextRunTimes();

    @Test
    void answerOfTheLastCallIsTakenOnceOnItsThread() {
        this.nextRunTimes.end(this.nextRunTimes.change(), AT);
        assertThat(this.nextRunTimes.take()).isEqualTo(AT);
        assertThat(this.nextRunTimes.take()).isNull();
    }

    @Test
    void noJobScheduledIsAnAnswerToo() {
        this.nextRunTimes.end(this.nextRunTimes.change(), RedisNextRunTimes.parse(""));
        assertThat(this.nextRunTimes.take()).isEmpty();
    }

    @Test
    void anyChangeAfterTheCallVoidsIt() {
        this.nextRunTimes.end(this.nextRunTimes.change(), AT);
        this.nextRunTimes.change();
        assertThat(this.nextRunTimes.take()).isNull();
    }

    @Test
    void aChangeDuringTheCallVoidsIt() {
        long begun = this.nextRunTimes.change();
        this.nextRunTimes.change();
        this.nextRunTimes.end(begun, AT);
        assertThat(this.nextRunTimes.take()).isNull();
    }

    @Test
    void aFailedCallVoidsAnEarlierAnswer() {
        this.nextRunTimes.end(this.nextRunTimes.change(), AT);
        this.nextRunTimes.change();
        this.nextRunTimes.failed();
        assertThat(this.nextRunTimes.take()).isNull();
    }

    @Test
    void anotherThreadAsksRedis() throws Exception {
        this.nextRunTimes.end(this.nextRunTimes.change(), AT);
        assertThat(CompletableFuture.supplyAsync(this.nextRunTimes::take).get()).isNull();
    }

    @Test
    void replyIsEpochMillisOrEmptyString() {
        assertThat(RedisNextRunTimes.parse(1_700_000_000_000L)).isEqualTo(AT);
        assertThat(RedisNextRunTimes.parse("")).isEmpty();
    }
}
