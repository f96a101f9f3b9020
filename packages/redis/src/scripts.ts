import { Script } from './script.ts'

/**
 * Publishes one event. KEYS: the channel's clock hash, the topic's stream. ARGV: MAXLEN (0: none),
 * max age in ms (0: none), the encoded event without its `id:` line, and the publish's W3C
 * `traceparent` (absent: none), stored as field `t` so that every instance's delivery joins the
 * publish's trace.
 *
 * Every topic of a channel draws its entry IDs from one clock, the hash's `last`, so IDs are
 * unique and ordered across a channel's topics in the order Redis ran the publishes: a client
 * following two topics resumes from one `Last-Event-ID` with no gap. (Redis's own `*` IDs are per
 * stream: two topics could both issue `<ms>-0`.) The ID is the later of Redis's clock and the
 * last ID plus one, so it only goes up, even when the server clock steps back.
 *
 * Trimming is done here, not with `MAXLEN ~`, so that the newest ID it removed is known: the
 * hash keeps it as `trimmed:<stream>`, and a replay after an older ID knows events are missing.
 * Like `~`, it trims in batches (a tenth of MAXLEN), so the extra read is amortised.
 */
export const publishScript: Script = new Script(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ms, seq = now, 0
local last = redis.call('HGET', KEYS[1], 'last')
if last then
  local lastMs, lastSeq = string.match(last, '^(%d+)-(%d+)$')
  lastMs, lastSeq = tonumber(lastMs), tonumber(lastSeq)
  if now <= lastMs then ms, seq = lastMs, lastSeq + 1 end
end
local id = string.format('%d-%d', ms, seq)
local fields = { 'e', ARGV[3] }
if ARGV[4] then fields[3], fields[4] = 't', ARGV[4] end
local added = redis.pcall('XADD', KEYS[2], id, unpack(fields))
if type(added) == 'table' and added.err then
  -- The stream is ahead of the clock (the hash was deleted or evicted): go on after the stream.
  local info = redis.call('XINFO', 'STREAM', KEYS[2])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then
      local topMs, topSeq = string.match(info[i + 1], '^(%d+)-(%d+)$')
      id = string.format('%d-%d', tonumber(topMs), tonumber(topSeq) + 1)
    end
  end
  redis.call('XADD', KEYS[2], id, unpack(fields))
end
if not last then redis.call('HSET', KEYS[1], 'origin', id) end
redis.call('HSET', KEYS[1], 'last', id)
local function newer(a, b)
  local aMs, aSeq = string.match(a, '^(%d+)-(%d+)$')
  local bMs, bSeq = string.match(b, '^(%d+)-(%d+)$')
  aMs, bMs = tonumber(aMs), tonumber(bMs)
  return aMs > bMs or (aMs == bMs and tonumber(aSeq) > tonumber(bSeq))
end
local removed = false
local maxLen = tonumber(ARGV[1])
if maxLen > 0 then
  local length = redis.call('XLEN', KEYS[2])
  if length > maxLen + math.max(1, math.floor(maxLen / 10)) then
    local head = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', length - maxLen + 1)
    redis.call('XTRIM', KEYS[2], 'MINID', head[#head][1])
    removed = head[#head - 1][1]
  end
end
local maxAge = tonumber(ARGV[2])
if maxAge > 0 then
  local cutoff = string.format('%d-0', now - maxAge)
  local old = redis.call('XREVRANGE', KEYS[2], '(' .. cutoff, '-', 'COUNT', 1)[1]
  if old then
    redis.call('XTRIM', KEYS[2], 'MINID', cutoff)
    if not removed or newer(old[1], removed) then removed = old[1] end
  end
end
if removed then redis.call('HSET', KEYS[1], 'trimmed:' .. KEYS[2], removed) end
return id
`)

/**
 * Reads one page of a replay, atomically. KEYS: the clock hash, then the topics' streams. ARGV:
 * the page size, then each stream's start (`(<id>` exclusive, or `-`). Returns the clock's `last`
 * and `origin`, then for each stream `{0}` if it does not exist, else `{1, the newest ID the
 * channel trimmed from it (or false), XDEL's max-deleted-entry-id (false before Redis 7), its
 * entries}`.
 */
export const replayScript: Script = new Script(`
local out = { redis.call('HGET', KEYS[1], 'last'), redis.call('HGET', KEYS[1], 'origin') }
for i = 2, #KEYS do
  local key = KEYS[i]
  if redis.call('EXISTS', key) == 0 then
    table.insert(out, { 0 })
  else
    local trimmed = redis.call('HGET', KEYS[1], 'trimmed:' .. key)
    local deleted = false
    local info = redis.call('XINFO', 'STREAM', key)
    for j = 1, #info, 2 do
      if info[j] == 'max-deleted-entry-id' then deleted = info[j + 1] end
    end
    local entries = redis.call('XRANGE', key, ARGV[i], '+', 'COUNT', ARGV[1])
    table.insert(out, { 1, trimmed, deleted, entries })
  end
end
return out
`)
