-- Helper prepended to the run history scripts (see LuaScript.load).
-- remove_run(prefix, id): deletes one run record and its entries in the sorted sets of all runs, of its job and
-- of its outcome; drops the job from the set of jobs with runs when its last run goes. Returns 1, or 0 when absent.
local function remove_run(prefix, id)
  local json = redis.call('HGET', prefix .. 'runs', id)
  if not json then
    redis.call('ZREM', prefix .. 'runs:all', id)
    return 0
  end
  local run = cjson.decode(json)
  redis.call('HDEL', prefix .. 'runs', id)
  redis.call('ZREM', prefix .. 'runs:all', id)
  redis.call('ZREM', prefix .. 'runs:outcome:' .. run.outcome, id)
  local job = prefix .. 'runs:job:' .. run.jobId
  redis.call('ZREM', job, id)
  if redis.call('ZCARD', job) == 0 then
    redis.call('SREM', prefix .. 'runs:jobs', run.jobId)
  end
  return 1
end

-- trim_job(prefix, job_id, keep, budget): removes the oldest runs of a job beyond its newest `keep`, at most
-- `budget` of them; returns how many were removed.
local function trim_job(prefix, job_id, keep, budget)
  local key = prefix .. 'runs:job:' .. job_id
  local extra = redis.call('ZCARD', key) - keep
  if extra <= 0 or budget <= 0 then
    return 0
  end
  local ids = redis.call('ZRANGE', key, 0, math.min(extra, budget) - 1)
  local removed = 0
  for i = 1, #ids do
    removed = removed + remove_run(prefix, ids[i])
  end
  return removed
end
