-- Extends the leases the owner still holds (the job exists and its lease owner is the caller, expired or not).
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished
-- ARGV: 1 lease owner, 2 new lease expiry (epoch ms), 3.. job ids
-- Returns the ids whose leases the owner no longer holds (another owner, none, or the job is gone; each once),
-- none of them extended. Two Redis commands per batch (HMGET, multi-member ZADD); the helper bulk() is prepended
-- (bulk.lua). A removed job has no lease_owners field (remove.lua, release.lua delete it with the job).
local ids = {}
for i = 3, #ARGV do
  ids[#ids + 1] = ARGV[i]
end
if #ids == 0 then
  return {}
end
local owners = bulk('HMGET', KEYS[6], ids)
local leases = {}
local lost = {}
local seen = {}
for i, id in ipairs(ids) do
  if not seen[id] then
    seen[id] = true
    if owners[i] == ARGV[1] then
      leases[#leases + 1] = ARGV[2]
      leases[#leases + 1] = id
    else
      lost[#lost + 1] = id
    end
  end
end
bulk('ZADD', KEYS[5], leases)
return lost
