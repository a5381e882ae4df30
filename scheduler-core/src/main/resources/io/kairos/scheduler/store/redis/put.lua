-- Adds, replaces or updates jobs (one, or a batch of RedisJobStore.addJobs); a job's version becomes 1 when new,
-- else the old one + 1.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished, 9 ids
-- ARGV: 1 mode ('error', 'keep', 'replace': add under that conflict policy; 'update': the job must exist),
--       2 wake-up channel, 3 publisher (scheduler id), then five per job: id, json, next run time (ms or ''),
--       next fire time (ms or ''), broken reason (or '')
-- Returns one reply per job, in order: {'ok', version}, {'missing'}, {'conflict'}, or {'kept', json, version,
-- run time, fire time, reason, finished ('1' for a FINISHED marker, else '')}. A marker counts as taken only in mode
-- 'keep'; 'error' and 'replace' replace it, 'update' finds no job.
-- A lease on a job is kept. Publishes at most once: only when a job written runs earlier than the store's next run
-- time before this call (next_run_time() in next.lua, prepended with bulk.lua): every scheduler waits at most
-- until the next run time it last read, which is never later than the store's (a change that makes it earlier
-- publishes), so a job due at or after it is found without a wake-up.
local mode = ARGV[1]
local due = nil
local due_read = false
local earliest = nil
local replies = {}
for first = 4, #ARGV, 5 do
  local id, json, run, fire, reason = ARGV[first], ARGV[first + 1], ARGV[first + 2], ARGV[first + 3], ARGV[first + 4]
  local exists = redis.call('HEXISTS', KEYS[1], id) == 1
  local finished = exists and redis.call('ZSCORE', KEYS[8], id) ~= false
  if mode == 'update' and (not exists or finished) then
    replies[#replies + 1] = {'missing'}
  elseif exists and not finished and mode == 'error' then
    replies[#replies + 1] = {'conflict'}
  elseif exists and mode == 'keep' then
    replies[#replies + 1] = {'kept', redis.call('HGET', KEYS[1], id), redis.call('HGET', KEYS[4], id) or '0',
      redis.call('ZSCORE', KEYS[2], id) or '', redis.call('HGET', KEYS[3], id) or '',
      redis.call('HGET', KEYS[7], id) or '', finished and '1' or ''}
  else
    if finished then
      redis.call('ZREM', KEYS[8], id)
    end
    if run ~= '' and not due_read then
      due = next_run_time(KEYS[2], KEYS[5])
      due_read = true
    end
    redis.call('HSET', KEYS[1], id, json)
    redis.call('ZADD', KEYS[9], 0, id)
    local version = redis.call('HINCRBY', KEYS[4], id, 1)
    if run == '' then
      redis.call('ZREM', KEYS[2], id)
    else
      redis.call('ZADD', KEYS[2], run, id)
      if not earliest or tonumber(run) < earliest then
        earliest = tonumber(run)
      end
    end
    if fire == '' then
      redis.call('HDEL', KEYS[3], id)
    else
      redis.call('HSET', KEYS[3], id, fire)
    end
    if reason == '' then
      redis.call('HDEL', KEYS[7], id)
    else
      redis.call('HSET', KEYS[7], id, reason)
    end
    replies[#replies + 1] = {'ok', version}
  end
end
if earliest and (not due or earliest < due) then
  redis.call('PUBLISH', ARGV[2], ARGV[3])
end
return replies
