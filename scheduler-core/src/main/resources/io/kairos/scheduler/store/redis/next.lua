-- Helper prepended to scripts that report the next run time (see LuaScript.load); needs bulk() before it.
-- next_run_time(run_times, leases): the earliest instant a job could be acquired, in epoch ms (nil when no job
-- is scheduled): per scheduled job the later of its next run time and its lease expiry (when leased), minimised
-- over all scheduled jobs. Walks run_times from the lowest score in pages (8 members, doubling up to 1000) and
-- stops at the first score not earlier than the best candidate found, so it reads one page unless many early
-- jobs are leased. The first page asks for its lease expiries with ZMSCORE; further pages look them up in the
-- whole lease set, read once, when it is small (at most 256 members: Redis keeps sets of up to 128 as flat
-- lists, where every ZMSCORE member is a linear search), else with ZMSCORE again.
local function next_run_time(run_times, leases)
  local best = nil
  local offset = 0
  local page = 8
  local expiryOf = nil
  while true do
    local items = redis.call('ZRANGE', run_times, offset, offset + page - 1, 'WITHSCORES')
    local count = #items / 2
    if count == 0 then
      return best
    end
    local expiries = {}
    if expiryOf then
      for i = 1, count do
        expiries[i] = expiryOf[items[2 * i - 1]] or false
      end
    else
      local ids = {}
      for i = 1, count do
        ids[i] = items[2 * i - 1]
      end
      expiries = bulk('ZMSCORE', leases, ids)
    end
    for i = 1, count do
      local score = tonumber(items[2 * i])
      if best and score >= best then
        return best
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
      return best
    end
    if offset == 0 and redis.call('ZCARD', leases) <= 256 then
      expiryOf = {}
      local all = redis.call('ZRANGE', leases, 0, -1, 'WITHSCORES')
      for i = 1, #all, 2 do
        expiryOf[all[i]] = all[i + 1]
      end
    end
    offset = offset + page
    page = math.min(page * 2, 1000)
  end
end
