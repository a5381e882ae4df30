package io.kairos.scheduler.store.redis;

import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.List;
import java.util.Map;

// TEMPORARY until branch stores lands LeaseArguments and JobCodec.decodeBroken. Not to be committed.
final class TempShims {
    static void checkLease(Instant now, int limit, Instant leaseUntil) {
        if (limit < 1 || !leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("bad lease");
        }
    }

    static StoredJob decodeBroken(JobCodec codec, String id, String json, String alias, String reason) {
        return new StoredJob(id, id, "<unreadable>", List.of(), Map.of(), null, "default", alias, null, true, 1, null, null,
                null, JobState.BROKEN, reason, 0);
    }
}
