-- Reads jobs with their columns.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished
-- ARGV: 1 what to read ('jobs', or 'finished' for FINISHED markers), then the ids to read; no id means every one
-- Returns 6 strings per existing job: id, json, version (an absent versions entry is 1, see put.lua), next run time
-- (ms or ''), next fire time (ms or ''; '' for a scheduled job means equal to the run time), broken reason ('' when
-- not broken).
local markers = ARGV[1] == 'finished'
local ids = {}
for i = 2, #ARGV do
  ids[#ids + 1] = ARGV[i]
end
if #ids == 0 then
  ids = redis.call('HKEYS', KEYS[1])
end
local result = {}
for _, id in ipairs(ids) do
  local json = redis.call('HGET', KEYS[1], id)
  if json and (redis.call('ZSCORE', KEYS[8], id) ~= false) == markers then
    local n = #result
    result[n + 1] = id
    result[n + 2] = json
    result[n + 3] = redis.call('HGET', KEYS[4], id) or '1'
    result[n + 4] = redis.call('ZSCORE', KEYS[2], id) or ''
    result[n + 5] = redis.call('HGET', KEYS[3], id) or ''
    result[n + 6] = redis.call('HGET', KEYS[7], id) or ''
  end
end
return result
