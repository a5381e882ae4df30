-- Acquires due jobs under a lease, earliest next run time first (ties by job id).
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken
-- ARGV: 1 now (epoch ms), 2 limit, 3 lease expiry (epoch ms), 4 lease owner (scheduler id)
-- Returns 5 strings per acquired job: id, json, version, next run time (ms), next fire time (ms or '').
-- A run_times member without a job (left by hand edits) is removed, so that it cannot look due forever.
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local page = 100
local offset = 0
local found = 0
local result = {}
while found < limit do
  local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', offset, page)
  if #due == 0 then
    break
  end
  local removed = 0
  for i = 1, #due, 2 do
    local id = due[i]
    local expiry = redis.call('ZSCORE', KEYS[5], id)
    if found < limit and (not expiry or tonumber(expiry) <= now) then
      local json = redis.call('HGET', KEYS[1], id)
      if json then
        redis.call('ZADD', KEYS[5], ARGV[3], id)
        redis.call('HSET', KEYS[6], id, ARGV[4])
        local n = #result
        result[n + 1] = id
        result[n + 2] = json
        result[n + 3] = redis.call('HGET', KEYS[4], id) or '0'
        result[n + 4] = due[i + 1]
        result[n + 5] = redis.call('HGET', KEYS[3], id) or ''
        found = found + 1
      else
        redis.call('ZREM', KEYS[2], id)
        removed = removed + 1
      end
    end
  end
  offset = offset + page - removed
end
return result
