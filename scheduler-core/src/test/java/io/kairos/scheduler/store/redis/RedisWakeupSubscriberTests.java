package io.kairos.scheduler.store.redis;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RedisWakeupSubscriberTests {

    private final AtomicInteger wakeups = new AtomicInteger();

    private final RedisWakeupSubscriber subscriber = new RedisWakeupSubscriber("kairos.wakeup", "me", this.wakeups::incrementAndGet);

    @Test
    void messageFromAnotherSchedulerWakesUp() {
        this.subscriber.message("kairos.wakeup", "other");
        assertThat(this.wakeups).hasValue(1);
    }

    @Test
    void ownMessagesAndOtherChannelsAreIgnored() {
        this.subscriber.message("kairos.wakeup", "me");
        this.subscriber.message("elsewhere", "other");
        assertThat(this.wakeups).hasValue(0);
    }

    @Test
    void everySubscriptionWakesUpBecauseMessagesMayHaveBeenMissed() {
        this.subscriber.subscribed("kairos.wakeup", 1);
        this.subscriber.subscribed("kairos.wakeup", 1);
        assertThat(this.wakeups).hasValue(2);
    }

    @Test
    void failingCallbackDoesNotEscape() {
        RedisWakeupSubscriber failing = new RedisWakeupSubscriber("c", "me", () -> {
            throw new IllegalStateException("boom");
        });
        assertThatCode(() -> failing.message("c", "other")).doesNotThrowAnyException();
    }
}
