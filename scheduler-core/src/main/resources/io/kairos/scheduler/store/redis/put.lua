-- Adds, replaces or updates jobs (one, or a batch of RedisJobStore.addJobs); a job's version becomes 1 when new,
-- else the old one + 1.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished, 9 ids
-- ARGV: 1 mode ('error', 'keep', 'replace': add under that conflict policy; 'update': the job must exist),
--       2 wake-up channel, 3 publisher (scheduler id), 4 arguments per job (3 or 5), then per job: id, json, next
--       run time (ms or ''), and with 5 also next fire time (ms, or '' when none or equal to the run time) and
--       broken reason (or ''); with 3 both are ''. The caller sends 3 when no job of the call has either.
-- Returns one reply per job, in order: the new version (an integer) when written, {'missing'}, {'conflict'}, or {'kept', json, version,
-- run time, fire time, reason, finished ('1' for a FINISHED marker, else '')}. A marker counts as taken only in mode
-- 'keep'; 'error' and 'replace' replace it, 'update' finds no job.
-- Entries written only when they say something (the stored format, see docs/job-stores.md): a job at version 1 has
-- no versions entry (every reader takes an absent version as 1; every script that deletes a job deletes its
-- version, so absent means new), and a job whose fire time equals its run time (no jitter) has no fire_times entry
-- (RedisJobRows reads an absent fire time of a scheduled job as its run time). A new job then costs three inserts:
-- jobs, run_times and ids.
-- A lease on a job is kept. Publishes at most once: only when a job written runs earlier than the store's next run
-- time before this call (next_run_time() in next.lua, prepended with bulk.lua): every scheduler waits at most
-- until the next run time it last read, which is never later than the store's (a change that makes it earlier
-- publishes), so a job due at or after it is found without a wake-up.
-- Decides every job first (one HMGET of the jobs hash for all ids), then writes the jobs it keeps with one variadic
-- command per key (bulk() in bulk.lua): a few calls per batch instead of seven per job. Ids are distinct (the
-- caller checks), so writing after deciding is the same as writing job by job. Versions are read only for the jobs
-- replaced (markers included). Empty columns are deleted for every job, new ones too (a new job's version too):
-- an entry left without its job (tests plant them) must not attach to a new job of that id; on an absent key that
-- is free, on a present one a lookup.
local mode = ARGV[1]
local width = tonumber(ARGV[4])
-- for one job's entry in one key: appends the pair (a, b) to set, or the id alone to unset when the value is ''
-- (the key loses the entry)
local function sort(id, value, a, b, set, unset)
  if value == '' then
    unset[#unset + 1] = id
  else
    set[#set + 1] = a
    set[#set + 1] = b
  end
end
local ids = {}
local count = 0
for first = 5, #ARGV, width do
  count = count + 1
  ids[count] = ARGV[first]
end
local stored = bulk('HMGET', KEYS[1], ids)
local replies = {}
local written = {}
for n = 1, #ids do
  local id = ids[n]
  local exists = stored[n] ~= false
  local finished = exists and redis.call('ZSCORE', KEYS[8], id) ~= false
  if mode == 'update' and (not exists or finished) then
    replies[n] = {'missing'}
  elseif exists and not finished and mode == 'error' then
    replies[n] = {'conflict'}
  elseif exists and mode == 'keep' then
    replies[n] = {'kept', stored[n], redis.call('HGET', KEYS[4], id) or '1',
      redis.call('ZSCORE', KEYS[2], id) or '', redis.call('HGET', KEYS[3], id) or '',
      redis.call('HGET', KEYS[7], id) or '', finished and '1' or ''}
  else
    if finished then
      redis.call('ZREM', KEYS[8], id)
    end
    written[#written + 1] = n
  end
end
if #written == 0 then
  return replies
end
local due = nil
local earliest = nil
local replacedIds = {}
for _, n in ipairs(written) do
  if stored[n] ~= false then
    replacedIds[#replacedIds + 1] = ids[n]
  end
end
local versions = bulk('HMGET', KEYS[4], replacedIds)
local jobs, members, writtenIds, fresh, newVersions, runs, unscheduled, fires, unfired, reasons, unbroken = {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}
local replaced = 0
for k, n in ipairs(written) do
  local first = 5 + width * (n - 1)
  local id, json, run = ARGV[first], ARGV[first + 1], ARGV[first + 2]
  local version = 1
  if stored[n] ~= false then
    replaced = replaced + 1
    -- an absent version is 1
    version = (tonumber(versions[replaced]) or 1) + 1
    newVersions[2 * replaced - 1], newVersions[2 * replaced] = id, version
  else
    fresh[k - replaced] = id
  end
  -- two entries per job in these lists: indexed, not appended (# searches the table each time); the score as a
  -- string, which Redis takes as it is (a Lua number is formatted with printf per argument)
  local p = 2 * k
  jobs[p - 1], jobs[p] = id, json
  members[p - 1], members[p] = '0', id
  writtenIds[k] = id
  sort(id, run, run, id, runs, unscheduled)
  if width == 5 then
    sort(id, ARGV[first + 3], id, ARGV[first + 3], fires, unfired)
    sort(id, ARGV[first + 4], id, ARGV[first + 4], reasons, unbroken)
  end
  local runMillis = tonumber(run)
  if runMillis and (not earliest or runMillis < earliest) then
    earliest = runMillis
  end
  replies[n] = version
end
if width ~= 5 then
  unfired, unbroken = writtenIds, writtenIds
end
-- the store's next run time before this call's writes
if earliest then
  due = next_run_time(KEYS[2], KEYS[5])
end
bulk('HSET', KEYS[1], jobs)
bulk('ZADD', KEYS[9], members)
bulk('HDEL', KEYS[4], fresh)
bulk('HSET', KEYS[4], newVersions)
bulk('ZREM', KEYS[2], unscheduled)
bulk('ZADD', KEYS[2], runs)
bulk('HDEL', KEYS[3], unfired)
bulk('HSET', KEYS[3], fires)
bulk('HDEL', KEYS[7], unbroken)
bulk('HSET', KEYS[7], reasons)
if earliest and (not due or earliest < due) then
  redis.call('PUBLISH', ARGV[2], ARGV[3])
end
return replies
