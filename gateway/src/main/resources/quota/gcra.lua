-- GCRA decisions, clocked by Redis TIME so every gateway instance shares one clock. One call decides
-- all the decisions an event loop was asked for in one round, in order: a script call costs Redis
-- about as much as the decision in it, so a batch pays it once. InProcessQuotaStore decides alike.
-- Per decision, four KEYS: the bucket's theoretical arrival time (ms); the marker of recent urgent
-- calls; the rate Amazon last announced in x-amzn-RateLimit-Limit (requests/s), which overrides the
-- table's; the bulk line, "end shift": its last place (ms, in the line's own time) and how far the
-- line was pushed back since (ms), a place p being due at p + shift.
-- ARGV[1] allowance_ms (the part of Amazon's refill left unused against delivery jitter, at most all
-- but one token of the burst: QuotaStore.capacity), ARGV[2] urgent_window_ms, then six per decision: interval_ms, burst,
-- max_wait_ms, lane ("urgent" | "normal" | "bulk"), reserve (tokens bulk leaves while urgent calls
-- are recent), place (a bulk caller's place in the line when it asks again, else empty).
-- Returns per decision, flat, four values: verdict (1 go, 0 refused, 2 in line), wait_ms, then for a
-- call that goes how long after its slot it may still leave and reach Amazon (QuotaStore.leaveWithin,
-- arriveWithin), for one in line its place and 0, else 0 and 0. A refusal writes nothing.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local allowance = tonumber(ARGV[1])
local urgent_window = ARGV[2]
local answers = {}

local function answer(verdict, wait, extra, arrive)
  answers[#answers + 1] = verdict
  answers[#answers + 1] = math.ceil(wait)
  answers[#answers + 1] = extra
  answers[#answers + 1] = arrive or 0
end

-- Reserves the slot at `slot` and answers go, with how long after its slot the call may still
-- leave (QuotaStore.leaveWithin): half the refill Amazon's bucket keeps more than ours, plus what
-- waiting for its token gave it; and reach Amazon (arriveWithin): the other half more. -1 with no
-- allowance (no bound).
local function go(bucket, base, interval, burst, slot)
  local new_tat = base + interval
  redis.call('SET', bucket, string.format('%.3f', new_tat), 'PX', math.ceil(new_tat - now) + 1000)
  local leave, arrive = -1, -1
  if allowance > 0 then
    local half = math.min(interval, allowance) / 2
    if burst > 1 then half = math.min((burst - 1) * interval, allowance) / 2 end
    leave = half
    if burst > 1 then leave = leave + base - slot end
    if leave < 0 then leave = 0 end
    arrive = math.floor(leave + half)
    leave = math.floor(leave)
  end
  answer(1, slot - now, leave, arrive)
end

-- The line lapses a second and an interval after its last place is due.
local function keep_line(line, line_end, shift, interval)
  redis.call('SET', line, string.format('%.3f %.3f', line_end, shift), 'PX', math.ceil(line_end + shift - now + interval) + 1000)
end

-- A bulk call holds a slot no further ahead than QuotaStore.bulkHorizon; beyond, it takes a place in
-- the line and asks again when its turn nears.
local function bulk(bucket, line, stored_line, base, interval, burst, capacity, reserve, max_wait, place)
  local horizon = math.min(interval / 2, math.max(reserve * interval, allowance))
  local slot = base + interval - (capacity - reserve) * interval
  if slot < now then slot = now end
  local line_end, shift = -math.huge, 0
  if stored_line then
    local e, s = string.match(stored_line, '^(%S+) (%S+)$')
    line_end, shift = tonumber(e), tonumber(s)
  end
  -- A place this line did not hand out (another store's, a lapsed line's) is no place: the caller joins anew.
  local holds_place = place ~= nil and place <= line_end
  local at
  if holds_place then
    at = place + shift
  else
    at = math.max(slot, line_end + shift + interval)
  end
  if at - now <= horizon and slot - now <= horizon then
    return go(bucket, base, interval, burst, slot)
  end
  if at - now > horizon then
    if at - now > max_wait then return answer(0, at - now, 0) end
    if not holds_place then
      line_end = tonumber(string.format('%.3f', at - shift))
      keep_line(line, line_end, shift, interval)
      place = line_end
    end
    return answer(2, at - horizon - now, string.format('%.3f', place))
  end
  -- The caller's turn has come but other lanes took the slots meanwhile: the line moves back by what they took.
  if slot - now > max_wait then return answer(0, slot - now, 0) end
  keep_line(line, line_end, shift + slot - math.max(at, now), interval)
  return answer(2, slot - horizon - now, string.format('%.3f', place))
end

for i = 0, #KEYS / 4 - 1 do
  local bucket, urgent, rate, line = KEYS[i * 4 + 1], KEYS[i * 4 + 2], KEYS[i * 4 + 3], KEYS[i * 4 + 4]
  local a = 2 + i * 6
  local lane = ARGV[a + 4]
  local stored
  if lane == 'bulk' then
    stored = redis.call('MGET', bucket, rate, urgent, line)
  else
    stored = redis.call('MGET', bucket, rate)
  end
  local interval = tonumber(ARGV[a + 1])
  local announced = tonumber(stored[2])
  if announced and announced > 0 then interval = 1000 / announced end
  local burst = tonumber(ARGV[a + 2])
  local capacity = burst
  if burst > 1 then capacity = burst - math.min(burst - 1, allowance / interval) end
  local max_wait = tonumber(ARGV[a + 3])
  local base = tonumber(stored[1]) or now
  if base < now then base = now end
  if lane == 'bulk' then
    local reserve = 0
    if stored[3] then reserve = tonumber(ARGV[a + 5]) end
    bulk(bucket, line, stored[4], base, interval, burst, capacity, reserve, max_wait, tonumber(ARGV[a + 6]))
  else
    if lane == 'urgent' then
      redis.call('SET', urgent, '1', 'PX', urgent_window)
    end
    local wait = base + interval - capacity * interval - now
    if wait < 0 then wait = 0 end
    if wait > max_wait then
      answer(0, wait, 0)
    else
      go(bucket, base, interval, burst, now + wait)
    end
  end
end
return answers
