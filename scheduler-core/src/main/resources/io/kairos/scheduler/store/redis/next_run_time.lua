-- The earliest instant a job could be acquired: per scheduled job the later of its next run time and its
-- lease expiry (when leased), minimised over all scheduled jobs.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken
-- Returns {} when no job is scheduled, else {epoch ms}.
local best = nil
local offset = 0
local page = 100
while true do
  local items = redis.call('ZRANGE', KEYS[2], offset, offset + page - 1, 'WITHSCORES')
  if #items == 0 then
    break
  end
  for i = 1, #items, 2 do
    local score = tonumber(items[i + 1])
    if best and score >= best then
      return {best}
    end
    local candidate = score
    local expiry = redis.call('ZSCORE', KEYS[5], items[i])
    if expiry and tonumber(expiry) > score then
      candidate = tonumber(expiry)
    end
    if not best or candidate < best then
      best = candidate
    end
  end
  offset = offset + page
end
if best then
  return {best}
end
return {}
