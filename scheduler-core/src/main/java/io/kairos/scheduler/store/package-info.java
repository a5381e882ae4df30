/**
 * Job stores: where jobs are kept, behind the {@link io.kairos.scheduler.store.JobStore} SPI, written for several
 * schedulers sharing one store (leases on acquired jobs, versioned releases through
 * {@link io.kairos.scheduler.store.JobRelease}). {@link io.kairos.scheduler.store.StoredJob} is a job as a store holds
 * it, {@link io.kairos.scheduler.store.JsonJobCodec} its persistent JSON form,
 * {@link io.kairos.scheduler.store.JobStoreFactory} creates stores from configuration. The implementations are in the
 * subpackages: memory, JDBC, Redis, MongoDB and ZooKeeper.
 */
@NullMarked
package io.kairos.scheduler.store;

import org.jspecify.annotations.NullMarked;
