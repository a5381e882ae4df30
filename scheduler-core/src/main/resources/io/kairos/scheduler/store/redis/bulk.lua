-- Helpers prepended to scripts that write or read many members at once (see LuaScript.load).
-- bulk(command, key, list): runs `command key list...` in chunks of at most 1000 values (unpack() passes a
-- bounded number of values; 1000 is even, so score/member or field/value pairs never split), and returns the
-- replies of all chunks concatenated (for HMGET and ZMSCORE; false stands for a missing field or member).
local function bulk(command, key, list)
  local out = {}
  for first = 1, #list, 1000 do
    local reply = redis.call(command, key, unpack(list, first, math.min(first + 999, #list)))
    if type(reply) == 'table' then
      for i = 1, #reply do
        out[#out + 1] = reply[i]
      end
    end
  end
  return out
end

-- zscores(key, members): the score of each member (a string), or false where absent. The one place that needs
-- Redis 6.2 (ZMSCORE); for older servers this would be a loop of ZSCORE calls.
local function zscores(key, members)
  return bulk('ZMSCORE', key, members)
end

-- leased_now(leases, now, ids): for each id, whether it holds a lease expiring after now (epoch ms). A small
-- lease set (at most 256 members; Redis keeps sets of up to 128 as flat lists, where every ZMSCORE member is a
-- linear search) is read whole, members only, once per call; a large one is asked with ZMSCORE (hash lookups).
local function leased_now(leases, now, ids)
  local out = {}
  if redis.call('ZCARD', leases) <= 256 then
    local unexpired = {}
    for _, id in ipairs(redis.call('ZRANGEBYSCORE', leases, '(' .. string.format('%.0f', now), '+inf')) do
      unexpired[id] = true
    end
    for i, id in ipairs(ids) do
      out[i] = unexpired[id] == true
    end
  else
    local expiries = zscores(leases, ids)
    for i = 1, #ids do
      out[i] = expiries[i] and tonumber(expiries[i]) > now or false
    end
  end
  return out
end
