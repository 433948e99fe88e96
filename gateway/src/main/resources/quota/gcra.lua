-- One GCRA decision, clocked by Redis TIME so every gateway instance shares one clock.
-- KEYS[1]: the bucket's theoretical arrival time (ms);  KEYS[2]: marker of recent urgent calls;
-- KEYS[3]: the rate Amazon last announced in x-amzn-RateLimit-Limit (requests/s), which overrides the table's.
-- ARGV: interval_ms, burst, max_wait_ms, lane ("urgent" | "normal" | "bulk"), reserve (tokens bulk leaves), urgent_window_ms,
-- allowance_ms (the part of Amazon's refill left unused against delivery jitter, at most one token: QuotaStore.capacity)
-- Returns {granted (1/0), wait_ms}. A refusal reserves nothing.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local announced = tonumber(redis.call('GET', KEYS[3]))
if announced and announced > 0 then interval = 1000 / announced end
local burst = tonumber(ARGV[2])
if burst > 1 then burst = burst - math.min(1, tonumber(ARGV[7]) / interval) end
local max_wait = tonumber(ARGV[3])
local lane = ARGV[4]
local reserve = 0
if lane == 'urgent' then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[6])
elseif lane == 'bulk' and redis.call('EXISTS', KEYS[2]) == 1 then
  reserve = tonumber(ARGV[5])
end
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - (burst - reserve) * interval
local wait = allow_at - now
if wait < 0 then wait = 0 end
if wait > max_wait then
  return {0, math.ceil(wait)}
end
redis.call('SET', KEYS[1], string.format('%.3f', new_tat), 'PX', math.ceil(new_tat - now) + 1000)
return {1, math.ceil(wait)}
