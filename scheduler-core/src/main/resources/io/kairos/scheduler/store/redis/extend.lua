-- Extends the leases the owner still holds; others are skipped.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken
-- ARGV: 1 lease owner, 2 new lease expiry (epoch ms), 3.. job ids
-- Returns the number of leases extended.
local extended = 0
for i = 3, #ARGV do
  if redis.call('HGET', KEYS[6], ARGV[i]) == ARGV[1] then
    redis.call('ZADD', KEYS[5], ARGV[2], ARGV[i])
    extended = extended + 1
  end
end
return extended
