import { RedisScript } from './redis-script';

/**
 * The live store of one cooperative is three keys (KEYS[1..3]):
 *   geo  - GEO set of courier ids (what the nearest query searches),
 *   seen - sorted set courier id -> time of the fix in epoch ms (staleness, out-of-order fixes),
 *   fix  - hash courier id -> the fix as JSON (exact values and the optional fields).
 * Scripts keep the three consistent and do the staleness filter next to the data.
 */

/** Drops couriers not heard of since ARGV[n] (bounded per call so a script never runs long). */
const purgeBefore = (argIndex: number) => `
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[${argIndex}], 'LIMIT', 0, 500)
if #stale > 0 then
  redis.call('ZREM', KEYS[2], unpack(stale))
  redis.call('ZREM', KEYS[1], unpack(stale))
  redis.call('HDEL', KEYS[3], unpack(stale))
end`;

/** Redis GEO cannot index the polar caps; such a fix is kept but never "near" anything. */
const GEO_MAX_LATITUDE = 85.05112878;

/** ARGV: courierId, lng, lat, atMs, fixJson, keepSeconds. Returns 1 when the fix became the latest, 0 when older. */
export const recordFixScript = new RedisScript(`
local previous = redis.call('ZSCORE', KEYS[2], ARGV[1])
if previous and tonumber(previous) >= tonumber(ARGV[4]) then return 0 end
if math.abs(tonumber(ARGV[3])) <= ${GEO_MAX_LATITUDE} then
  redis.call('GEOADD', KEYS[1], ARGV[2], ARGV[3], ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[6]) end
return 1`);

/** ARGV: freshSinceMs, forgetBeforeMs. Returns [courierId, fixJson, ...] for fixes at or after freshSinceMs. */
export const allFixesScript = new RedisScript(`
${purgeBefore(2)}
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], '+inf')
local out = {}
for start = 1, #ids, 1000 do
  local chunk = {}
  for i = start, math.min(start + 999, #ids) do chunk[#chunk + 1] = ids[i] end
  local fixes = redis.call('HMGET', KEYS[3], unpack(chunk))
  for i, id in ipairs(chunk) do
    if fixes[i] then out[#out + 1] = id; out[#out + 1] = fixes[i] end
  end
end
return out`);

/** The first ring the nearest query searches; it doubles until it holds enough fresh couriers. */
export const FIRST_RING_METERS = 250;

/**
 * ARGV: lng, lat, radiusMeters, limit, freshSinceMs, forgetBeforeMs.
 * Returns [courierId, distanceMeters, fixJson, ...], nearest first, stale couriers skipped
 * (filtering before the limit, so stale couriers never hide fresh ones).
 *
 * GEOSEARCH sorts every member within its radius before returning any: at city density (tens
 * of thousands within 5 km) that alone takes a hundred milliseconds. So the search starts with
 * a small ring and doubles it until the ring holds `limit` fresh couriers (or reaches the
 * radius). Any courier outside a ring is farther than everyone inside it, so the answer is the
 * same as one search over the whole radius.
 */
export const nearestFixesScript = new RedisScript(`
${purgeBefore(6)}
local maxRadius = tonumber(ARGV[3])
local limit = tonumber(ARGV[4])
local fresh = tonumber(ARGV[5])
local radius = math.min(${FIRST_RING_METERS}, maxRadius)
while true do
  local found = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', radius, 'm', 'ASC', 'WITHDIST')
  local out = {}
  for _, row in ipairs(found) do
    if #out >= limit * 3 then break end
    local seen = redis.call('ZSCORE', KEYS[2], row[1])
    if seen and tonumber(seen) >= fresh then
      local fix = redis.call('HGET', KEYS[3], row[1])
      if fix then out[#out + 1] = row[1]; out[#out + 1] = row[2]; out[#out + 1] = fix end
    end
  end
  if #out >= limit * 3 or radius >= maxRadius then return out end
  radius = math.min(radius * 2, maxRadius)
end`);
