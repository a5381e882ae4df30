-- Marks unreadable jobs broken: keeps their JSON untouched, stores the reason, takes them out of run_times,
-- bumps the version (an absent versions entry is 1, see put.lua), and drops the caller's lease. Skips a job whose
-- version moved on (it was rewritten), and a FINISHED marker (a member of finished; markers live in the jobs hash
-- too, and are not jobs to run).
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished
-- ARGV: 1 caller (scheduler id), then 3 per job: id, version read, reason
-- Returns the number of jobs marked.
local marked = 0
for i = 2, #ARGV, 3 do
  local id = ARGV[i]
  local version = redis.call('HGET', KEYS[4], id) or '1'
  if redis.call('HEXISTS', KEYS[1], id) == 1 and redis.call('ZSCORE', KEYS[8], id) == false and version == ARGV[i + 1] then
    redis.call('HSET', KEYS[7], id, ARGV[i + 2])
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    redis.call('HSET', KEYS[4], id, tonumber(version) + 1)
    if redis.call('HGET', KEYS[6], id) == ARGV[1] then
      redis.call('ZREM', KEYS[5], id)
      redis.call('HDEL', KEYS[6], id)
    end
    marked = marked + 1
  end
end
return marked
