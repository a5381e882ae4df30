package io.kairos.scheduler.store.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the store's wake-up channel and calls the scheduler's wake-up callback when another scheduler
 * publishes. Messages this scheduler published itself are ignored (its own changes wake it locally).
 *
 * <p>Lettuce reconnects a dropped pub/sub connection and subscribes again on its own; every (re)subscription
 * also calls the wake-up, because messages published while the connection was down are lost and the
 * scheduler must look at the store once more. Thread-safe: Lettuce calls it on its event loop thread.
 */
final class RedisWakeupSubscriber extends RedisPubSubAdapter<String, String> {

    private static final Logger logger = LoggerFactory.getLogger(RedisWakeupSubscriber.class);

    private final String channel;

    private final String schedulerId;

    private final Runnable wakeup;

    RedisWakeupSubscriber(String channel, String schedulerId, Runnable wakeup) {
        this.channel = channel;
        this.schedulerId = schedulerId;
        this.wakeup = wakeup;
    }

    /**
     * Subscribes a connection; the listener stays registered for its lifetime, across reconnects.
     *
     * @param connection a pub/sub connection the store owns
     * @throws io.lettuce.core.RedisException when the subscription fails
     */
    void subscribe(StatefulRedisPubSubConnection<String, String> connection) {
        connection.addListener(this);
        connection.sync().subscribe(this.channel);
    }

    @Override
    public void message(String channel, String message) {
        if (this.channel.equals(channel) && !this.schedulerId.equals(message)) {
            wakeUp();
        }
    }

    @Override
    public void subscribed(String channel, long count) {
        if (this.channel.equals(channel)) {
            wakeUp();
        }
    }

    private void wakeUp() {
        try {
            this.wakeup.run();
        }
        catch (RuntimeException ex) {
            logger.warn("Scheduler wake-up callback failed on a message of Redis channel '{}'", this.channel, ex);
        }
    }
}
