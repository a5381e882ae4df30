-- The earliest instant a job could be acquired (see next_run_time() in next.lua, prepended with bulk.lua).
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished
-- Returns {} when no job is scheduled, else {epoch ms}. Needs Redis 6.2 or later (ZMSCORE).
local best = next_run_time(KEYS[2], KEYS[5])
if best then
  return {best}
end
return {}
