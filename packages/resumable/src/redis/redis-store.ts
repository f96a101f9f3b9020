import type { ChannelMessage, SubscribeOptions } from '@ssekit/channel'
import { compareTimeOrderedIds, subscribeHolding } from '@ssekit/channel/backend'
import type { RedisReply } from '@ssekit/redis'
import type { ClaimCondition, ResumableStore, StoredStream } from '../store.ts'
import type { StreamFormat, StreamState } from '../types.ts'
import { ChannelPool } from './channel-pool.ts'
import { Commands } from './commands.ts'
import { streamKeys } from './keys.ts'
import type { RedisStoreOptions } from './options.ts'
import { CLAIM, CREATE, ENDED, RENEW, REQUEST_STOP } from './scripts.ts'
import { watchControl } from './watch-control.ts'

// A running stream's keys expire this long after its last renewal: a record whose producer died
// unwatched does not stay forever.
const RUNNING_TTL_MS = 86_400_000

/**
 * A {@link ResumableStore} on Redis: a stream's events are a channel of `@ssekit/redis` (Redis
 * Streams: every instance reads them, and a `Last-Event-ID` resumes exactly anywhere), and its
 * record a hash beside it, changed by Lua scripts so that two instances never both end it. A
 * stop request travels on the stream's own `control` topic to whichever instance produces it.
 *
 * @param options The Redis adapter and the key prefix.
 * @returns The store; close it when the process is done with it.
 * @throws {TypeError} An option is invalid.
 *
 * @example Resumable streams across every Node process
 * ```ts
 * import { createResumableStreams } from '@ssekit/resumable'
 * import { redisStore } from '@ssekit/resumable/redis'
 * import { ioredisAdapter } from '@ssekit/redis'
 * import { Redis } from 'ioredis'
 * const redis = ioredisAdapter(new Redis('redis://127.0.0.1:6379', { lazyConnect: true }))
 * const streams = createResumableStreams({ store: redisStore({ redis }) })
 * return streams.subscribe(request, 'answer-1')
 * ```
 */
export function redisStore(options: RedisStoreOptions): ResumableStore {
  if (typeof options?.redis?.connect !== 'function') {
    throw new TypeError('Cannot create the store: option `redis` must be a RedisAdapter')
  }
  const { keyPrefix = 'ssekit:resumable:' } = options
  if (typeof keyPrefix !== 'string') {
    throw new TypeError('Cannot create the store: option `keyPrefix` must be a string')
  }
  return new RedisStore(options, keyPrefix)
}

class RedisStore implements ResumableStore {
  readonly #prefix: string
  readonly #commands: Commands
  readonly #pool: ChannelPool

  constructor(options: RedisStoreOptions, prefix: string) {
    this.#prefix = prefix
    this.#commands = new Commands(options.redis)
    this.#pool = new ChannelPool(options.redis, prefix, options.blockMs)
  }

  async create(
    id: string,
    init: { owner: string; leaseUntil: number; format: StreamFormat; createdAt: number },
  ): Promise<StoredStream | undefined> {
    const keys = streamKeys(this.#prefix, id)
    // The hidden first event goes first: if the ID is taken, it is one more invisible line there.
    const startId = await this.append(id, { comment: 'start' })
    const args = [init.owner, String(init.leaseUntil), init.format, String(init.createdAt)]
    args.push(startId, String(RUNNING_TTL_MS))
    const created = await this.#commands.eval(CREATE, keys.all, args)
    return created === 1 ? { ...init, state: 'running', startId } : undefined
  }

  async get(id: string): Promise<StoredStream | undefined> {
    const reply = await this.#commands.send('HGETALL', [streamKeys(this.#prefix, id).record])
    return recordOf(reply)
  }

  async append(id: string, message: ChannelMessage, topic?: string): Promise<string> {
    const { channel, release } = this.#pool.acquire(streamKeys(this.#prefix, id).channelName)
    try {
      return await channel.publish(message, { topic })
    } finally {
      release()
    }
  }

  async renew(id: string, owner: string, leaseUntil: number): Promise<'running' | 'stop' | 'lost'> {
    const keys = streamKeys(this.#prefix, id).all
    const args = [owner, String(leaseUntil), String(RUNNING_TTL_MS)]
    return (await this.#commands.eval(RENEW, keys, args)) as 'running' | 'stop' | 'lost'
  }

  async claim(
    id: string,
    state: Exclude<StreamState, 'running'>,
    condition: ClaimCondition,
    now: number,
    error?: string,
  ): Promise<boolean> {
    const [kind, value] =
      'owner' in condition
        ? ['owner', condition.owner]
        : 'expiredBy' in condition
          ? ['expired', String(condition.expiredBy)]
          : ['unended', String(condition.unendedSince)]
    const keys = [streamKeys(this.#prefix, id).record]
    const args = [state, kind, value, String(now), error ?? '']
    return (await this.#commands.eval(CLAIM, keys, args)) === 1
  }

  async ended(id: string, endId: string, ttl: number): Promise<void> {
    await this.#commands.eval(ENDED, streamKeys(this.#prefix, id).all, [endId, String(ttl)])
  }

  async requestStop(id: string): Promise<void> {
    const keys = [streamKeys(this.#prefix, id).record]
    if ((await this.#commands.eval(REQUEST_STOP, keys, [])) !== 1) return
    await this.append(id, { event: 'stop', data: '1' }, 'control')
  }

  watchStop(id: string, onStop: () => void): () => void {
    return watchControl(this.#pool.acquire(streamKeys(this.#prefix, id).channelName), onStop)
  }

  async subscribe(request: Request, id: string, options: SubscribeOptions): Promise<Response> {
    const { channel, release } = this.#pool.acquire(streamKeys(this.#prefix, id).channelName)
    return subscribeHolding(options, release, (held) => channel.subscribe(request, held))
  }

  compareIds(a: string, b: string): number {
    return compareTimeOrderedIds(a, b)
  }

  async close(): Promise<void> {
    await this.#pool.close()
    await this.#commands.close()
  }
}

/** A record from HGETALL's flat reply, or `undefined` for a missing one. */
function recordOf(reply: RedisReply): StoredStream | undefined {
  if (!Array.isArray(reply) || reply.length === 0) return undefined
  const fields = new Map<string, string>()
  for (let i = 0; i + 1 < reply.length; i += 2) fields.set(String(reply[i]), String(reply[i + 1]))
  const state = fields.get('state') as StreamState | undefined
  const start = fields.get('start')
  if (state === undefined || start === undefined) return undefined
  const finished = fields.get('finished')
  return {
    state,
    format: (fields.get('format') ?? 'json') as StreamFormat,
    owner: fields.get('owner') ?? '',
    leaseUntil: Number(fields.get('lease') ?? 0),
    startId: start,
    endId: fields.get('end'),
    createdAt: Number(fields.get('created') ?? 0),
    finishedAt: finished === undefined ? undefined : Number(finished),
    error: fields.get('error'),
  }
}
