-- A bucket's state for the console: tokens available now and the rate in force.
-- KEYS[1]: theoretical arrival time (ms); KEYS[2]: announced rate. ARGV: table interval_ms, burst.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local announced = tonumber(redis.call('GET', KEYS[2]))
if announced and announced > 0 then interval = 1000 / announced end
local tat = tonumber(redis.call('GET', KEYS[1])) or now
local tokens = (now - (tat - tonumber(ARGV[2]) * interval)) / interval
if tokens > tonumber(ARGV[2]) then tokens = tonumber(ARGV[2]) end
if tokens < 0 then tokens = 0 end
return {string.format('%.3f', tokens), string.format('%.6f', 1000 / interval)}
