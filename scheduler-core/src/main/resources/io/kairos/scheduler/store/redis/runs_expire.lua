-- Enforces the run history retention, at most ARGV[7] removals, for the one scheduler holding the retention
-- lease (<prefix>runs:lease = '<owner>|<expiry ms>', on the schedulers' clock like the job leases): runs finished
-- before ARGV[5] (ms), then the oldest runs beyond ARGV[6] of the jobs given after ARGV[7]. Returns the number
-- removed, or -1 when another scheduler holds an unexpired lease.
-- ARGV: 1 prefix, 2 scheduler id, 3 now (ms), 4 lease until (ms), 5 oldest kept finish time (ms),
--       6 max runs per job, 7 budget, 8.. job ids
local prefix = ARGV[1]
local lease = prefix .. 'runs:lease'
local held = redis.call('GET', lease)
if held then
  local separator = string.find(held, '|', 1, true)
  local owner = string.sub(held, 1, separator - 1)
  local expiry = tonumber(string.sub(held, separator + 1))
  if owner ~= ARGV[2] and expiry >= tonumber(ARGV[3]) then
    return -1
  end
end
redis.call('SET', lease, ARGV[2] .. '|' .. ARGV[4])
local budget = tonumber(ARGV[7])
local removed = 0
local old = redis.call('ZRANGEBYSCORE', prefix .. 'runs:all', '-inf', '(' .. ARGV[5], 'LIMIT', 0, budget)
for i = 1, #old do
  removed = removed + remove_run(prefix, old[i])
end
for i = 8, #ARGV do
  if removed >= budget then
    break
  end
  removed = removed + trim_job(prefix, ARGV[i], tonumber(ARGV[6]), budget - removed)
end
return removed
