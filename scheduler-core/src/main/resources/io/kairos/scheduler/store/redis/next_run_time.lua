-- The earliest instant a job could be acquired: per scheduled job the later of its next run time and its
-- lease expiry (when leased), minimised over all scheduled jobs.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken
-- Returns {} when no job is scheduled, else {epoch ms}.
-- Walks run_times from the lowest score in pages (8 members, doubling up to 1000; one ZRANGE and one ZMSCORE
-- each) and stops at the first score not earlier than the best candidate found, so it reads one page unless
-- many early jobs are leased. Needs Redis 6.2 or later (ZMSCORE); the helper bulk() is prepended (bulk.lua).
local best = nil
local offset = 0
local page = 8
while true do
  local items = redis.call('ZRANGE', KEYS[2], offset, offset + page - 1, 'WITHSCORES')
  local count = #items / 2
  if count == 0 then
    break
  end
  local ids = {}
  for i = 1, count do
    ids[i] = items[2 * i - 1]
  end
  local expiries = bulk('ZMSCORE', KEYS[5], ids)
  for i = 1, count do
    local score = tonumber(items[2 * i])
    if best and score >= best then
      return {best}
    end
    local candidate = score
    if expiries[i] and tonumber(expiries[i]) > score then
      candidate = tonumber(expiries[i])
    end
    if not best or candidate < best then
      best = candidate
    end
  end
  if count < page then
    break
  end
  offset = offset + page
  page = math.min(page * 2, 1000)
end
if best then
  return {best}
end
return {}
