/**
 * The JDBC job store: one table shared by any number of scheduler processes, on PostgreSQL, MySQL 8, MariaDB
 * 10.6+ or H2, with row leases ({@code FOR UPDATE SKIP LOCKED}), versioned conditional releases, and
 * {@code LISTEN/NOTIFY} wake-ups on PostgreSQL. The schema scripts live next to these classes in the jar
 * ({@code io/kairos/scheduler/store/jdbc/schema-<database id>.sql}).
 */
@NullMarked
package io.kairos.scheduler.store.jdbc;

import org.jspecify.annotations.NullMarked;
