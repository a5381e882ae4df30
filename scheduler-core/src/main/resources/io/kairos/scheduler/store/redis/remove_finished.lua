-- Removes FINISHED markers that finished before a time, at most 1000 per call.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished, 9 ids
-- ARGV: 1 the time (epoch ms, exclusive)
-- Returns the number of markers removed.
local ids = redis.call('ZRANGEBYSCORE', KEYS[8], '-inf', '(' .. ARGV[1], 'LIMIT', 0, 1000)
for _, id in ipairs(ids) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[4], id)
  redis.call('HDEL', KEYS[7], id)
  redis.call('ZREM', KEYS[8], id)
  redis.call('ZREM', KEYS[9], id)
end
return #ids
