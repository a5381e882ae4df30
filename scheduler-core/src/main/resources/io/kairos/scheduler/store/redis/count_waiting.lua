-- Counts jobs waiting for an executor the caller lacks: scheduled, due at or before ARGV[1], not under an unexpired
-- lease, whose JSON's "executor" ('default' when absent) is none of ARGV[4...]; by executor alias, among the earliest ARGV[2] due members.
-- KEYS: 1 jobs, 2 run_times, 3 fire_times, 4 versions, 5 leases, 6 lease_owners, 7 broken, 8 finished
-- ARGV: 1 due before (epoch ms), 2 most members looked at, 3 now (epoch ms, for leases), 4... the caller's aliases
-- Returns alias, count, alias, count, ... (JSON that cannot be decoded is left out: it is marked broken when due).
-- The helpers bulk() and leased_now() are prepended (bulk.lua). Cost: O(log n + m) for m members looked at.
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #ids == 0 then
  return {}
end
local own = {}
for i = 4, #ARGV do
  own[ARGV[i]] = true
end
local leased = leased_now(KEYS[5], tonumber(ARGV[3]), ids)
local jsons = bulk('HMGET', KEYS[1], ids)
local counts = {}
local order = {}
for i = 1, #ids do
  if not leased[i] and jsons[i] then
    local ok, job = pcall(cjson.decode, jsons[i])
    local alias = ok and type(job) == 'table' and (type(job['executor']) == 'string' and job['executor'] or 'default')
    if alias and not own[alias] then
      if not counts[alias] then
        counts[alias] = 0
        order[#order + 1] = alias
      end
      counts[alias] = counts[alias] + 1
    end
  end
end
local result = {}
for _, alias in ipairs(order) do
  result[#result + 1] = alias
  result[#result + 1] = counts[alias]
end
return result
