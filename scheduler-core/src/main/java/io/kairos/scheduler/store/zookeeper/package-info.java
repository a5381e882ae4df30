/**
 * A job store in Apache ZooKeeper, through Apache Curator: {@link io.kairos.scheduler.store.zookeeper.ZooKeeperJobStore}.
 * Curator ({@code curator-framework}, {@code curator-recipes}) is an optional dependency of the core.
 */
@NullMarked
package io.kairos.scheduler.store.zookeeper;

import org.jspecify.annotations.NullMarked;
