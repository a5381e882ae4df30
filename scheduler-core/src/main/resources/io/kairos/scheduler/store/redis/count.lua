-- Counts the jobs by state from the sizes of the store's keys, without reading a job: O(1) per command.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished, 9 ids
-- Returns {scheduled, paused, broken}: scheduled jobs are the members of run_times, broken ones the fields of broken,
-- and the other fields of jobs that are no FINISHED marker (members of finished) are paused.
local all = redis.call('HLEN', KEYS[1]) - redis.call('ZCARD', KEYS[8])
local scheduled = redis.call('ZCARD', KEYS[2])
local broken = redis.call('HLEN', KEYS[7])
return {scheduled, all - scheduled - broken, broken}
