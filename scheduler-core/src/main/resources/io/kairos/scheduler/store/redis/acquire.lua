-- Acquires due jobs under a lease, earliest next run time first (ties by job id).
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished
-- ARGV: 1 now (epoch ms), 2 limit, 3 lease expiry (epoch ms), 4 lease owner (scheduler id), 5... the executor
-- aliases of the caller (none: every job): a due job of another executor is skipped, left unleased and scheduled
-- for the instances that have it (its JSON's "executor", 'default' when absent; JSON that cannot be decoded is
-- taken, to be marked broken).
-- Returns the next run time after this acquisition (integer epoch ms, or '' when no job is scheduled; see
-- next_run_time() in next.lua), then 5 strings per acquired job: id, json, version (an absent versions entry is
-- 1, see put.lua), next run time (ms), next fire time (ms, or '' when absent: equal to the run time, see put.lua).
-- A run_times member without a job (left by hand edits) is removed, so that it cannot look due forever.
-- Needs Redis 6.2 or later (ZMSCORE); the helpers bulk() and next_run_time() are prepended (bulk.lua, next.lua).
-- Cost: O(log n) per page plus O(1) per member read; each Redis command covers a whole page or batch (HMGET,
-- ZMSCORE, multi-member ZADD/HSET), so a batch of k jobs takes about ten commands, not k times six. Leased
-- members in front of the batch cost one table look-up each (see leased_now() in bulk.lua).
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local executors = nil
if #ARGV > 4 then
  executors = {}
  for i = 5, #ARGV do
    executors[ARGV[i]] = true
  end
end
local function runnable(json)
  if not executors then
    return true
  end
  local ok, job = pcall(cjson.decode, json)
  if not ok or type(job) ~= 'table' then
    return true
  end
  local executor = job['executor']
  if type(executor) ~= 'string' then
    executor = 'default'
  end
  return executors[executor] == true
end
-- due members per page: the batch plus some leased jobs in front of it; then what is still missing (doubled),
-- at least 32, at most 1000
local page = math.min(limit + 32, 1000)
local offset = 0
local taken = {}
while #taken < limit do
  local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', offset, page)
  if #ids == 0 then
    break
  end
  local leased = leased_now(KEYS[5], now, ids)
  local free = {}
  for i, id in ipairs(ids) do
    if not leased[i] then
      free[#free + 1] = id
    end
  end
  local removed = 0
  if #free > 0 then
    local jsons = bulk('HMGET', KEYS[1], free)
    local orphans = {}
    for i = 1, #free do
      if jsons[i] then
        if #taken < limit and runnable(jsons[i]) then
          taken[#taken + 1] = {free[i], jsons[i]}
        end
      else
        orphans[#orphans + 1] = free[i]
      end
    end
    if #orphans > 0 then
      bulk('ZREM', KEYS[2], orphans)
      removed = #orphans
    end
  end
  if #ids < page then
    break
  end
  offset = offset + #ids - removed
  page = math.min(math.max(2 * (limit - #taken), 32), 1000)
end
if #taken == 0 then
  return {next_run_time(KEYS[2], KEYS[5]) or ''}
end
local result = {}
local ids = {}
local leases = {}
local owners = {}
for i, job in ipairs(taken) do
  ids[i] = job[1]
  leases[2 * i - 1] = ARGV[3]
  leases[2 * i] = job[1]
  owners[2 * i - 1] = job[1]
  owners[2 * i] = ARGV[4]
end
bulk('ZADD', KEYS[5], leases)
bulk('HSET', KEYS[6], owners)
result[1] = next_run_time(KEYS[2], KEYS[5]) or ''
local scores = zscores(KEYS[2], ids)
local versions = bulk('HMGET', KEYS[4], ids)
local fires = bulk('HMGET', KEYS[3], ids)
for i, job in ipairs(taken) do
  local n = #result
  result[n + 1] = job[1]
  result[n + 2] = job[2]
  result[n + 3] = versions[i] or '1'
  result[n + 4] = scores[i]
  result[n + 5] = fires[i] or ''
end
return result
