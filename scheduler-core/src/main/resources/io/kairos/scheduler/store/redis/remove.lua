-- Removes one job (or FINISHED marker) with all its columns and its lease.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished, 9 ids
-- ARGV: 1 job id
-- Returns 1 when the job existed, else 0.
local id = ARGV[1]
local removed = redis.call('HDEL', KEYS[1], id)
redis.call('ZREM', KEYS[2], id)
redis.call('HDEL', KEYS[3], id)
redis.call('HDEL', KEYS[4], id)
redis.call('ZREM', KEYS[5], id)
redis.call('HDEL', KEYS[6], id)
redis.call('HDEL', KEYS[7], id)
redis.call('ZREM', KEYS[8], id)
redis.call('ZREM', KEYS[9], id)
return removed
