package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listening connection goes back to the pool without a LISTEN left on it (real PostgreSQL on 127.0.0.1).
 */
class PgNotificationListenerIT {

    @Test
    void stoppingUnlistensBeforeTheConnectionReturnsToThePool() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        config.setUsername("postgres");
        config.setMaximumPoolSize(1);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            CountDownLatch listening = new CountDownLatch(1);
            PgNotificationListener listener = new PgNotificationListener(dataSource, "kairos_unlisten_it",
                    new WakeupFilter("me", java.time.InstantSource.system()), listening::countDown);
            assertThat(listening.await(20, TimeUnit.SECONDS)).isTrue();
            listener.stop();
            assertThat(listener.isAlive()).isFalse();
            // the pool's only connection is the one that listened
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet channels = statement.executeQuery("SELECT count(*) FROM pg_listening_channels()")) {
                channels.next();
                assertThat(channels.getInt(1)).isZero();
            }
        }
    }
}
