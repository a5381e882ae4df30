-- Adds, replaces or updates one job; the version becomes 1 for a new job, else the old one + 1.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished, 9 ids
-- ARGV: 1 mode ('error', 'keep', 'replace': add under that conflict policy; 'update': the job must exist),
--       2 id, 3 json, 4 next run time (ms or ''), 5 next fire time (ms or ''), 6 broken reason (or ''),
--       7 wake-up channel, 8 publisher (scheduler id)
-- Returns {'ok', version}, {'missing'}, {'conflict'}, or {'kept', json, version, run time, fire time, reason,
-- finished ('1' for a FINISHED marker, else '')}. A marker counts as taken only in mode 'keep'; 'error' and 'replace'
-- replace it, 'update' finds no job.
-- A lease on the job is kept. Publishes only when the job's next run time is earlier than the store's next run
-- time before this write (next_run_time() in next.lua, prepended with bulk.lua): every scheduler waits at most
-- until the next run time it last read, which is never later than the store's (a change that makes it earlier
-- publishes), so a job due at or after it is found without a wake-up.
local id = ARGV[2]
local mode = ARGV[1]
local exists = redis.call('HEXISTS', KEYS[1], id) == 1
local finished = exists and redis.call('ZSCORE', KEYS[8], id) ~= false
if mode == 'update' and (not exists or finished) then
  return {'missing'}
end
if exists and not finished and mode == 'error' then
  return {'conflict'}
end
if exists and mode == 'keep' then
  return {'kept', redis.call('HGET', KEYS[1], id), redis.call('HGET', KEYS[4], id) or '0',
    redis.call('ZSCORE', KEYS[2], id) or '', redis.call('HGET', KEYS[3], id) or '',
    redis.call('HGET', KEYS[7], id) or '', finished and '1' or ''}
end
if finished then
  redis.call('ZREM', KEYS[8], id)
end
local due = nil
if ARGV[4] ~= '' then
  due = next_run_time(KEYS[2], KEYS[5])
end
redis.call('HSET', KEYS[1], id, ARGV[3])
redis.call('ZADD', KEYS[9], 0, id)
local version = redis.call('HINCRBY', KEYS[4], id, 1)
if ARGV[4] == '' then
  redis.call('ZREM', KEYS[2], id)
else
  redis.call('ZADD', KEYS[2], ARGV[4], id)
end
if ARGV[5] == '' then
  redis.call('HDEL', KEYS[3], id)
else
  redis.call('HSET', KEYS[3], id, ARGV[5])
end
if ARGV[6] == '' then
  redis.call('HDEL', KEYS[7], id)
else
  redis.call('HSET', KEYS[7], id, ARGV[6])
end
if ARGV[4] ~= '' and (not due or tonumber(ARGV[4]) < due) then
  redis.call('PUBLISH', ARGV[7], ARGV[8])
end
return {'ok', version}
