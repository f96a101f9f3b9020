// The record of a stream is one hash; these scripts change it atomically. KEYS[1] is always the
// record; any further keys are the stream's channel keys, whose expiry follows the record's.

/** ARGV: owner, lease until, format, created at, start ID, safety TTL (ms). 1 if created. */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'state', 'running', 'owner', ARGV[1], 'lease', ARGV[2],
  'format', ARGV[3], 'created', ARGV[4], 'start', ARGV[5])
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
return 1
`

/** ARGV: owner, lease until, safety TTL. 'running', 'stop' or 'lost'. */
export const RENEW = `
local s = redis.call('HMGET', KEYS[1], 'state', 'owner', 'stop')
if s[1] ~= 'running' or s[2] ~= ARGV[1] then return 'lost' end
redis.call('HSET', KEYS[1], 'lease', ARGV[2])
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
if s[3] then return 'stop' end
return 'running'
`

/**
 * ARGV: new state, condition kind ('owner' | 'expired' | 'unended'), its value, now, error.
 * 1 if the condition held and the state was set.
 */
export const CLAIM = `
local s = redis.call('HMGET', KEYS[1], 'state', 'owner', 'lease', 'end', 'finished')
if not s[1] then return 0 end
local kind, value = ARGV[2], ARGV[3]
if kind == 'owner' then
  if s[1] ~= 'running' or s[2] ~= value then return 0 end
elseif kind == 'expired' then
  if s[1] ~= 'running' or tonumber(s[3]) >= tonumber(value) then return 0 end
else
  if s[1] == 'running' or s[4] or s[5] ~= value then return 0 end
end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'finished', ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[5]) end
return 1
`

/** ARGV: end ID, TTL (ms). Records the end event and starts the expiry of every key. */
export const ENDED = `
if redis.call('HSETNX', KEYS[1], 'end', ARGV[1]) == 0 then return 0 end
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 1
`

/** Marks a running stream stopped-on-request. 1 if it was running. */
export const REQUEST_STOP = `
if redis.call('HGET', KEYS[1], 'state') ~= 'running' then return 0 end
redis.call('HSET', KEYS[1], 'stop', '1')
return 1
`
