-- Records run attempts: the JSON in the hash <prefix>runs, the run id in the sorted sets (score: finish time in
-- ms; same-score members sort by run id) of all runs, of its job and of its outcome, and the job in the set of jobs
-- with runs; then drops the job's oldest runs beyond ARGV[2] and the store's oldest beyond ARGV[3]. A run id
-- already recorded is written again unchanged. The keys are derived from the prefix, so this script runs on a
-- single Redis server (not a cluster), like the job scripts.
-- ARGV: 1 prefix, 2 max runs per job, 3 max runs in total, then per run: id, job id, outcome, finish time (ms), json
local prefix = ARGV[1]
local per_job = tonumber(ARGV[2])
local total = tonumber(ARGV[3])
for i = 4, #ARGV, 5 do
  local id, job_id, outcome, finished, json = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  redis.call('HSET', prefix .. 'runs', id, json)
  redis.call('ZADD', prefix .. 'runs:all', finished, id)
  redis.call('ZADD', prefix .. 'runs:outcome:' .. outcome, finished, id)
  redis.call('ZADD', prefix .. 'runs:job:' .. job_id, finished, id)
  redis.call('SADD', prefix .. 'runs:jobs', job_id)
  trim_job(prefix, job_id, per_job, 1000000)
end
local extra = redis.call('ZCARD', prefix .. 'runs:all') - total
if extra > 0 then
  local ids = redis.call('ZRANGE', prefix .. 'runs:all', 0, extra - 1)
  for i = 1, #ids do
    remove_run(prefix, ids[i])
  end
end
return 1
