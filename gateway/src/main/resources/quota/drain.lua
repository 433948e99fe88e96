-- Amazon answered 429: its bucket is empty whatever ours said. Empty ours too, so the next slot
-- is one interval away; or, when it comes back from a gateway's in-process fallback, one interval
-- after the slots granted there (ahead_ms).
-- KEYS[1]: theoretical arrival time (ms); KEYS[2]: announced rate. ARGV: interval_ms, burst, allowance_ms (as gcra.lua), ahead_ms.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local announced = tonumber(redis.call('GET', KEYS[2]))
if announced and announced > 0 then interval = 1000 / announced end
local burst = tonumber(ARGV[2])
if burst > 1 then burst = burst - math.min(burst - 1, tonumber(ARGV[3]) / interval) end
local empty_at = now + tonumber(ARGV[4]) + burst * interval
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < empty_at then
  redis.call('SET', KEYS[1], string.format('%.3f', empty_at), 'PX', math.ceil(empty_at - now) + 1000)
end
return 1
