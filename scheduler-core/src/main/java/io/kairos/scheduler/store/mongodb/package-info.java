/**
 * The MongoDB job store ({@link io.kairos.scheduler.store.mongodb.MongoJobStore}, described by
 * {@link io.kairos.scheduler.store.mongodb.MongoJobStoreBuilder}): one document per job in one collection shared by
 * any number of schedulers, leases taken by single-document atomic updates
 * ({@link io.kairos.scheduler.store.mongodb.MongoLeases}), wake-ups from a change stream. The MongoDB sync driver is an
 * optional dependency of the core.
 */
@NullMarked
package io.kairos.scheduler.store.mongodb;

import org.jspecify.annotations.NullMarked;
