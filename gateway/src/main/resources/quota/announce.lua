-- Amazon announced the rate it applies (x-amzn-RateLimit-Limit). Remember it for an hour and
-- convert the bucket's debt from the old interval to the new one, so a faster rate helps at once.
-- KEYS[1]: theoretical arrival time (ms); KEYS[2]: announced rate. ARGV: table interval_ms, rate/s, ttl_ms.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local old_interval = tonumber(ARGV[1])
local previous = tonumber(redis.call('GET', KEYS[2]))
if previous and previous > 0 then old_interval = 1000 / previous end
local new_interval = 1000 / tonumber(ARGV[2])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat and tat > now then
  local new_tat = now + (tat - now) / old_interval * new_interval
  redis.call('SET', KEYS[1], string.format('%.3f', new_tat), 'PX', math.ceil(new_tat - now) + 1000)
end
return 1
