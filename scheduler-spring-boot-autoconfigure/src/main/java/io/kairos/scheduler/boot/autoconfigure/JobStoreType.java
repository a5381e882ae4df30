package io.kairos.scheduler.boot.autoconfigure;

/**
 * The kinds of job store {@code kairos.jobstores.<alias>.type} can name. Bound leniently: case and
 * {@code -}/{@code _} do not matter ({@code jdbc}, {@code JDBC}). Any other value fails start-up with Spring Boot's
 * binding failure analysis, which lists these values.
 */
public enum JobStoreType {

    /** Jobs kept in this process's memory; lost on restart, never shared (APScheduler's {@code MemoryJobStore}). */
    MEMORY,

    /**
     * Jobs kept in one table of the application's {@code DataSource} (PostgreSQL, MySQL, MariaDB, H2); may be
     * shared by several instances (APScheduler's {@code SQLAlchemyJobStore}).
     */
    JDBC,

    /**
     * Jobs kept in Redis, reached through the application's {@code spring.data.redis.*} settings; may be shared
     * by several instances (APScheduler's {@code RedisJobStore}).
     */
    REDIS,

    /**
     * Jobs kept in Apache ZooKeeper under {@code root-path}, reached through the application's {@code CuratorFramework}
     * bean or {@code connect-string}; may be shared by several instances (APScheduler's {@code ZooKeeperJobStore}).
     */
    ZOOKEEPER,

    /**
     * Jobs kept in one MongoDB collection, reached through the application's {@code MongoClient} bean (Spring Boot's
     * {@code spring.mongodb.*} settings); may be shared by several instances (APScheduler's {@code MongoDBJobStore}).
     */
    MONGODB
}
