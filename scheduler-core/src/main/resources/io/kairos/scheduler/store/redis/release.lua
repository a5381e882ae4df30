-- Gives up leases; writes the new next run time (or deletes the job) only where the version is unchanged.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken
-- ARGV: 1 lease owner, 2 wake-up channel, then 5 per job: id, acquired version,
--       action ('S' schedule, 'P' pause, 'R' remove), next run time (ms or ''), next fire time (ms or '')
-- Returns one letter per job: 'W' written, 'L' only the lease dropped (version moved on), 'I' ignored (not ours).
-- Publishes the owner's id on the channel when a job now runs earlier than its lease expired.
local outcome = {}
local publish = false
for i = 3, #ARGV, 5 do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[6], id) ~= ARGV[1] then
    outcome[#outcome + 1] = 'I'
  else
    local expiry = redis.call('ZSCORE', KEYS[5], id)
    redis.call('ZREM', KEYS[5], id)
    redis.call('HDEL', KEYS[6], id)
    if redis.call('HGET', KEYS[4], id) ~= ARGV[i + 1] then
      outcome[#outcome + 1] = 'L'
    else
      local action = ARGV[i + 2]
      if action == 'R' then
        redis.call('HDEL', KEYS[1], id)
        redis.call('ZREM', KEYS[2], id)
        redis.call('HDEL', KEYS[3], id)
        redis.call('HDEL', KEYS[4], id)
        redis.call('HDEL', KEYS[7], id)
      else
        redis.call('HINCRBY', KEYS[4], id, 1)
        if action == 'P' then
          redis.call('ZREM', KEYS[2], id)
          redis.call('HDEL', KEYS[3], id)
        else
          redis.call('ZADD', KEYS[2], ARGV[i + 3], id)
          if ARGV[i + 4] == '' then
            redis.call('HDEL', KEYS[3], id)
          else
            redis.call('HSET', KEYS[3], id, ARGV[i + 4])
          end
          if not expiry or tonumber(ARGV[i + 3]) < tonumber(expiry) then
            publish = true
          end
        end
      end
      outcome[#outcome + 1] = 'W'
    end
  end
end
if publish then
  redis.call('PUBLISH', ARGV[2], ARGV[1])
end
return table.concat(outcome)
