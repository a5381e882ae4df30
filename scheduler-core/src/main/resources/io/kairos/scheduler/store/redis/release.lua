-- Gives up leases; writes the new next run time (or deletes the job) only where the version is unchanged.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished, 9 ids
-- ARGV: 1 lease owner, 2 wake-up channel, then 6 per job: id, acquired version,
--       action ('S' schedule, 'P' pause, 'R' remove, 'F' finish: keep a FINISHED marker, its JSON kept), next run
--       time (ms or ''; for 'F' when it finished), next fire time (ms or ''), the job's new JSON for 'S' when its
--       pending retry changed (or '': the JSON is kept)
-- Returns {outcome, next run time}: the outcome has one letter per job: 'W' written, 'L' only the lease dropped
-- (version moved on), 'I' ignored (not ours; also a job listed a second time, whose lease the first listing gave
-- up); the next run time after the release is integer epoch ms, or '' when no job is scheduled (see
-- next_run_time() in next.lua).
-- Publishes the owner's id on the channel when a job now runs earlier than its lease expired.
-- Needs Redis 6.2 or later (ZMSCORE); the helpers bulk() and next_run_time() are prepended (bulk.lua, next.lua).
-- Every Redis command covers the whole batch (HMGET, ZMSCORE, multi-member ZREM/HDEL/HSET/ZADD), so k releases
-- take at most 15 commands plus the two of next_run_time() (more only when many early jobs are leased).
local ids = {}
for i = 3, #ARGV, 6 do
  ids[#ids + 1] = ARGV[i]
end
if #ids == 0 then
  return {'', next_run_time(KEYS[2], KEYS[5]) or ''}
end
local owners = bulk('HMGET', KEYS[6], ids)
local outcome = {}
local held = {}
local seen = {}
for j, id in ipairs(ids) do
  if owners[j] == ARGV[1] and not seen[id] then
    held[#held + 1] = j
    outcome[j] = 'L'
  else
    outcome[j] = 'I'
  end
  seen[id] = true
end
if #held == 0 then
  return {table.concat(outcome), next_run_time(KEYS[2], KEYS[5]) or ''}
end
local heldIds = {}
for n, j in ipairs(held) do
  heldIds[n] = ids[j]
end
local versions = bulk('HMGET', KEYS[4], heldIds)
-- an absent versions entry is version 1 (put.lua writes none for a new job)
for n = 1, #heldIds do
  versions[n] = versions[n] or '1'
end
-- lease expiries matter only for jobs rescheduled (to decide on a wake-up): ask for those alone
local rescheduled = {}
for n, j in ipairs(held) do
  if versions[n] == ARGV[3 + 6 * (j - 1) + 1] and ARGV[3 + 6 * (j - 1) + 2] == 'S' then
    rescheduled[#rescheduled + 1] = ids[j]
  end
end
local expiryOf = {}
if #rescheduled > 0 then
  local expiries = zscores(KEYS[5], rescheduled)
  for i, id in ipairs(rescheduled) do
    expiryOf[id] = expiries[i]
  end
end
bulk('ZREM', KEYS[5], heldIds)
bulk('HDEL', KEYS[6], heldIds)
local removed, unscheduled, newVersions, runTimes, fireTimes, noFireTimes, finished, data = {}, {}, {}, {}, {}, {}, {}, {}
local publish = false
for n, j in ipairs(held) do
  local id = ids[j]
  local at = 3 + 6 * (j - 1)
  if versions[n] == ARGV[at + 1] then
    outcome[j] = 'W'
    local action = ARGV[at + 2]
    if action == 'R' then
      removed[#removed + 1] = id
    else
      newVersions[#newVersions + 1] = id
      newVersions[#newVersions + 1] = tonumber(versions[n]) + 1
      if action == 'F' then
        unscheduled[#unscheduled + 1] = id
        noFireTimes[#noFireTimes + 1] = id
        finished[#finished + 1] = ARGV[at + 3]
        finished[#finished + 1] = id
      elseif action == 'P' then
        unscheduled[#unscheduled + 1] = id
        noFireTimes[#noFireTimes + 1] = id
      else
        runTimes[#runTimes + 1] = ARGV[at + 3]
        runTimes[#runTimes + 1] = id
        if ARGV[at + 5] ~= '' then
          data[#data + 1] = id
          data[#data + 1] = ARGV[at + 5]
        end
        if ARGV[at + 4] == '' then
          noFireTimes[#noFireTimes + 1] = id
        else
          fireTimes[#fireTimes + 1] = id
          fireTimes[#fireTimes + 1] = ARGV[at + 4]
        end
        if not expiryOf[id] or tonumber(ARGV[at + 3]) < tonumber(expiryOf[id]) then
          publish = true
        end
      end
    end
  end
end
if #removed > 0 then
  bulk('HDEL', KEYS[1], removed)
  bulk('ZREM', KEYS[2], removed)
  bulk('HDEL', KEYS[3], removed)
  bulk('HDEL', KEYS[4], removed)
  bulk('HDEL', KEYS[7], removed)
  bulk('ZREM', KEYS[9], removed)
end
if #data > 0 then
  bulk('HSET', KEYS[1], data)
end
if #newVersions > 0 then
  bulk('HSET', KEYS[4], newVersions)
end
if #unscheduled > 0 then
  bulk('ZREM', KEYS[2], unscheduled)
end
if #runTimes > 0 then
  bulk('ZADD', KEYS[2], runTimes)
end
if #fireTimes > 0 then
  bulk('HSET', KEYS[3], fireTimes)
end
if #finished > 0 then
  bulk('ZADD', KEYS[8], finished)
end
if #noFireTimes > 0 then
  bulk('HDEL', KEYS[3], noFireTimes)
end
if publish then
  redis.call('PUBLISH', ARGV[2], ARGV[1])
end
return {table.concat(outcome), next_run_time(KEYS[2], KEYS[5]) or ''}
