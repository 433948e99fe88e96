-- A bucket's state for the console: tokens available now, the rate in force (and 1 if Amazon announced it), and how many callers
-- (of every gateway instance) wait for a slot: those holding slots reserved past an empty bucket
-- (how far the TAT lies beyond now + burst · interval, in intervals, rounded up), and the places of
-- the bulk line still ahead (gcra.lua).
-- KEYS[1]: theoretical arrival time (ms); KEYS[2]: announced rate; KEYS[3]: bulk line.
-- ARGV: table interval_ms, burst, allowance_ms (as gcra.lua).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local stored = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local announced = tonumber(stored[2])
if announced and announced > 0 then interval = 1000 / announced end
if burst > 1 then burst = burst - math.min(burst - 1, tonumber(ARGV[3]) / interval) end
local tat = tonumber(stored[1]) or now
if tat < now then tat = now end
local tokens = (now - (tat - burst * interval)) / interval
if tokens > burst then tokens = burst end
if tokens < 0 then tokens = 0 end
local waiting = math.ceil((tat - (now + burst * interval)) / interval)
if waiting < 0 then waiting = 0 end
if stored[3] then
  local e, s = string.match(stored[3], '^(%S+) (%S+)$')
  local in_line = math.ceil((tonumber(e) + tonumber(s) - now) / interval)
  if in_line > 0 then waiting = waiting + in_line end
end
local from_amazon = 0
if announced and announced > 0 then from_amazon = 1 end
return {string.format('%.3f', tokens), string.format('%.6f', 1000 / interval), waiting, from_amazon}
