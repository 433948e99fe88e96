-- A call's answer came later than the call had to reach Amazon: it may have reached Amazon that late,
-- while Amazon's bucket was full and let refill go to waste that ours counted on. Push ours back by as
-- much, one interval at most (a call costs Amazon's bucket no more than its token).
-- KEYS[1]: theoretical arrival time (ms); KEYS[2]: announced rate. ARGV: interval_ms, late_ms.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local announced = tonumber(redis.call('GET', KEYS[2]))
if announced and announced > 0 then interval = 1000 / announced end
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
tat = tat + math.min(tonumber(ARGV[2]), interval)
redis.call('SET', KEYS[1], string.format('%.3f', tat), 'PX', math.ceil(tat - now) + 1000)
return 1
