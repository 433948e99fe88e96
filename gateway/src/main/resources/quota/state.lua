-- A bucket's state for the console: tokens available now, the rate in force, and how many callers
-- (of every gateway instance) hold a slot they are still waiting for: the slots reserved past an
-- empty bucket, i.e. how far the TAT lies beyond now + burst · interval, in intervals (rounded up).
-- KEYS[1]: theoretical arrival time (ms); KEYS[2]: announced rate. ARGV: table interval_ms, burst, allowance_ms (as gcra.lua).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local announced = tonumber(redis.call('GET', KEYS[2]))
if announced and announced > 0 then interval = 1000 / announced end
if burst > 1 then burst = burst - math.min(1, tonumber(ARGV[3]) / interval) end
local tat = tonumber(redis.call('GET', KEYS[1])) or now
local tokens = (now - (tat - burst * interval)) / interval
if tokens > burst then tokens = burst end
if tokens < 0 then tokens = 0 end
local waiting = math.ceil((tat - (now + burst * interval)) / interval)
if waiting < 0 then waiting = 0 end
return {string.format('%.3f', tokens), string.format('%.6f', 1000 / interval), waiting}
