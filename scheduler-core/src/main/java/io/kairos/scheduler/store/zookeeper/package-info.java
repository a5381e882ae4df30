/**
 * A job store in Apache ZooKeeper, through Apache Curator: {@link io.kairos.scheduler.store.zookeeper.ZooKeeperJobStore}.
 * Curator ({@code curator-framework}, {@code curator-recipes}) is an optional dependency of the core.
 */
package io.kairos.scheduler.store.zookeeper;
