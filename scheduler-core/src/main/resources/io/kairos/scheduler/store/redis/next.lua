-- Helper prepended to scripts that report the next run time (see LuaScript.load); needs bulk() and zscores()
-- before it.
-- next_run_time(run_times, leases): the earliest instant a job could be acquired, in epoch ms (nil when no job
-- is scheduled): per scheduled job the later of its next run time and its lease expiry (when leased), minimised
-- over all scheduled jobs. Computed as the lesser of
--   * the run time of the first unleased member of run_times (walked in order, members only, in pages of 8
--     doubling up to 1000; leased members tell apart by one read of a small lease set, see leased_now() in
--     bulk.lua, or ZMSCORE for a large one), and
--   * the later of run time and expiry of each lease expiring before that run time (any other leased job
--     cannot be earlier; usually there is none).
-- So it reads the leased jobs in front of the first unleased one, and few others.
local function next_run_time(run_times, leases)
  local head = redis.call('ZRANGE', run_times, 0, 0)
  if #head == 0 then
    return nil
  end
  local first = nil
  if not redis.call('ZSCORE', leases, head[1]) then
    first = head[1]
  else
    local leased = nil
    if redis.call('ZCARD', leases) <= 256 then
      leased = {}
      for _, id in ipairs(redis.call('ZRANGE', leases, 0, -1)) do
        leased[id] = true
      end
    end
    local offset = 1
    local page = 8
    while not first do
      local ids = redis.call('ZRANGE', run_times, offset, offset + page - 1)
      local held = leased == nil and zscores(leases, ids) or nil
      for i, id in ipairs(ids) do
        if (leased and not leased[id]) or (held and not held[i]) then
          first = id
          break
        end
      end
      if #ids < page then
        break
      end
      offset = offset + page
      page = math.min(page * 2, 1000)
    end
  end
  local best = nil
  local upper = '+inf'
  if first then
    best = tonumber(redis.call('ZSCORE', run_times, first))
    upper = '(' .. string.format('%.0f', best)
  end
  local early = redis.call('ZRANGEBYSCORE', leases, '-inf', upper, 'WITHSCORES')
  if #early > 0 then
    local ids = {}
    for i = 1, #early, 2 do
      ids[#ids + 1] = early[i]
    end
    local scores = zscores(run_times, ids)
    for i, id in ipairs(ids) do
      if scores[i] then
        local candidate = math.max(tonumber(scores[i]), tonumber(early[2 * i]))
        if not best or candidate < best then
          best = candidate
        end
      end
    end
  end
  return best
end
