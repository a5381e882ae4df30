-- Extends the leases the owner still holds; others are skipped.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken
-- ARGV: 1 lease owner, 2 new lease expiry (epoch ms), 3.. job ids
-- Returns the number of leases extended. Two Redis commands per batch (HMGET, multi-member ZADD); the helper
-- bulk() is prepended (bulk.lua).
local ids = {}
for i = 3, #ARGV do
  ids[#ids + 1] = ARGV[i]
end
if #ids == 0 then
  return 0
end
local owners = bulk('HMGET', KEYS[6], ids)
local leases = {}
local seen = {}
for i, id in ipairs(ids) do
  if owners[i] == ARGV[1] and not seen[id] then
    leases[#leases + 1] = ARGV[2]
    leases[#leases + 1] = id
    seen[id] = true
  end
end
bulk('ZADD', KEYS[5], leases)
return #leases / 2
