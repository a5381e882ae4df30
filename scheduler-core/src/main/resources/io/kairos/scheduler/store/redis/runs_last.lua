-- Reads the newest run of each job: the top of the job's sorted set (highest finish time; on a tie, the greatest
-- run id, as ZREVRANGE orders same-score members) and its JSON. One reply entry per job, in order: the JSON, or
-- false (nil in the reply) for a job without runs. Bounded by the caller (at most RunHistory.MAX_JOB_IDS jobs).
-- ARGV: 1 prefix, then the job ids
local prefix = ARGV[1]
local found = {}
for i = 2, #ARGV do
  local top = redis.call('ZREVRANGE', prefix .. 'runs:job:' .. ARGV[i], 0, 0)
  if top[1] then
    found[i - 1] = redis.call('HGET', prefix .. 'runs', top[1])
  else
    found[i - 1] = false
  end
end
return found
