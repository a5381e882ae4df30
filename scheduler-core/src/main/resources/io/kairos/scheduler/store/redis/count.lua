-- Reads the sizes the job counts come from, without reading a job: O(1) per command.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished, 9 ids
-- Returns {fields of jobs, members of finished, members of run_times, fields of broken}: scheduled jobs are the
-- members of run_times, broken ones the fields of broken, and the other fields of jobs that are no FINISHED marker
-- (members of finished) are paused. RedisJobCounts does that arithmetic, so that it can report sizes that disagree.
return {redis.call('HLEN', KEYS[1]), redis.call('ZCARD', KEYS[8]), redis.call('ZCARD', KEYS[2]), redis.call('HLEN', KEYS[7])}
