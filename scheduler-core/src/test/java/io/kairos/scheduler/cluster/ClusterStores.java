package io.kairos.scheduler.cluster;

import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.store.mongodb.MongoJobStore;
import io.kairos.scheduler.store.redis.RedisJobStore;
import io.kairos.scheduler.store.zookeeper.ZooKeeperJobStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Builds the job store a cluster node (or the test) uses from string options, so the test JVM and the node
 * processes agree: {@code store=jdbc, jdbc-url=..., table=...}, {@code store=redis, redis-uri=..., prefix=...},
 * {@code store=zookeeper, connect-string=..., root-path=..., session-ms=...} or {@code store=mongodb, mongodb-uri=..., collection=...}.
 */
final class ClusterStores {

    private ClusterStores() {
    }

    /**
     * A store and what it opened.
     *
     * @param store the job store (not started)
     * @param resources closed after the store is shut down (the JDBC pool), or {@code null}
     */
    record Handle(JobStore store, AutoCloseable resources) {

        void close() throws Exception {
            if (this.resources != null) {
                this.resources.close();
            }
        }
    }

    static Handle open(Map<String, String> options, boolean createSchema) {
        String kind = require(options, "store");
        switch (kind) {
            case "jdbc" -> {
                HikariDataSource dataSource = RunsTable.dataSource(require(options, "jdbc-url"), 6);
                JdbcJobStoreSettings settings = JdbcJobStoreSettings.defaults().withTableName(require(options, "table"))
                        .withCreateSchema(createSchema);
                return new Handle(new JdbcJobStore(dataSource, settings), dataSource);
            }
            case "redis" -> {
                return new Handle(RedisJobStore.builder().uri(require(options, "redis-uri")).keyPrefix(require(options, "prefix"))
                        .commandTimeout(Duration.ofSeconds(2)).build(), null);
            }
            case "zookeeper" -> {
                return new Handle(ZooKeeperJobStore.builder().connectString(require(options, "connect-string"))
                        .rootPath(require(options, "root-path"))
                        .sessionTimeout(Duration.ofMillis(Long.parseLong(require(options, "session-ms"))))
                        .connectionTimeout(Duration.ofSeconds(2)).build(), null);
            }
            case "mongodb" -> {
                return new Handle(MongoJobStore.builder().connectionString(require(options, "mongodb-uri"))
                        .collection(require(options, "collection")).timeout(Duration.ofSeconds(2)).build(), null);
            }
            default -> throw new IllegalArgumentException("store: '" + kind + "' is not a store kind; valid: jdbc, redis, zookeeper, mongodb");
        }
    }

    /**
     * Deletes what a store left on its server: the JDBC table, or every Redis key with the prefix.
     *
     * @param options the store options
     */
    static void drop(Map<String, String> options) throws SQLException {
        if (options.get("store").equals("jdbc")) {
            try (HikariDataSource dataSource = RunsTable.dataSource(options.get("jdbc-url"), 1);
                    Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + options.get("table"));
            }
            return;
        }
        if (options.get("store").equals("zookeeper")) {
            return; // the test's own server is thrown away with its directory
        }
        if (options.get("store").equals("mongodb")) {
            try (MongoClient client = MongoClients.create(options.get("mongodb-uri"))) {
                client.getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection(options.get("collection")).drop();
            }
            catch (RuntimeException ex) {
                // the in-process server may be gone already; its data goes with it
            }
            return;
        }
        RedisClient client = RedisClient.create(options.get("redis-uri"));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(options.get("prefix") + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
        finally {
            client.shutdown();
        }
    }

    static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": missing; options given: " + options);
        }
        return value;
    }
}
