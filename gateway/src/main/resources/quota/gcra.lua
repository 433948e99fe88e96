-- GCRA decisions, clocked by Redis TIME so every gateway instance shares one clock. One call decides
-- all the decisions an event loop was asked for in one round, in order: a script call costs Redis
-- about as much as the decision in it, so a batch pays it once.
-- Per decision, three KEYS: the bucket's theoretical arrival time (ms); the marker of recent urgent
-- calls; the rate Amazon last announced in x-amzn-RateLimit-Limit (requests/s), which overrides the table's.
-- ARGV[1] allowance_ms (the part of Amazon's refill left unused against delivery jitter, at most one
-- token: QuotaStore.capacity), ARGV[2] urgent_window_ms, then five per decision: interval_ms, burst,
-- max_wait_ms, lane ("urgent" | "normal" | "bulk"), reserve (tokens bulk leaves while urgent calls are recent).
-- Returns granted (1/0) and wait_ms per decision, flat. A refusal reserves nothing.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local allowance = tonumber(ARGV[1])
local urgent_window = ARGV[2]
local answers = {}
for i = 0, #KEYS / 3 - 1 do
  local bucket, urgent, rate = KEYS[i * 3 + 1], KEYS[i * 3 + 2], KEYS[i * 3 + 3]
  local a = 2 + i * 5
  local stored = redis.call('MGET', bucket, rate)
  local interval = tonumber(ARGV[a + 1])
  local announced = tonumber(stored[2])
  if announced and announced > 0 then interval = 1000 / announced end
  local burst = tonumber(ARGV[a + 2])
  if burst > 1 then burst = burst - math.min(1, allowance / interval) end
  local max_wait = tonumber(ARGV[a + 3])
  local lane = ARGV[a + 4]
  local reserve = 0
  if lane == 'urgent' then
    redis.call('SET', urgent, '1', 'PX', urgent_window)
  elseif lane == 'bulk' and redis.call('EXISTS', urgent) == 1 then
    reserve = tonumber(ARGV[a + 5])
  end
  local tat = tonumber(stored[1]) or now
  if tat < now then tat = now end
  local new_tat = tat + interval
  local wait = new_tat - (burst - reserve) * interval - now
  if wait < 0 then wait = 0 end
  if wait > max_wait then
    answers[#answers + 1] = 0
  else
    redis.call('SET', bucket, string.format('%.3f', new_tat), 'PX', math.ceil(new_tat - now) + 1000)
    answers[#answers + 1] = 1
  end
  answers[#answers + 1] = math.ceil(wait)
end
return answers
