-- Helper prepended to scripts that write or read many members at once (see LuaScript.load).
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
