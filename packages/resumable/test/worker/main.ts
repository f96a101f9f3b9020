/** The Worker beside the workerd tests: stream objects whose producers the tests describe. */
import { ResumableStreamObject } from '../../src/cloudflare/index.ts'

/** What a test asks an object to produce: these chunks, this far apart, then maybe an error. */
export interface Script {
  chunks: unknown[]
  delayMs?: number
  failWith?: string
  /** Keep going after the chunks until stopped. */
  forever?: boolean
}

async function* play(script: Script, signal: AbortSignal) {
  for (let i = 0; script.forever === true || i < script.chunks.length; i++) {
    if (signal.aborted) return
    yield script.chunks[i % script.chunks.length]
    if (script.delayMs !== undefined)
      await new Promise((resolve) => setTimeout(resolve, script.delayMs))
  }
  if (script.failWith !== undefined) throw new Error(script.failWith)
}

/** Streams whose producer runs in the object. */
export class TestStreams extends ResumableStreamObject<Script> {
  override produce(script: Script, signal: AbortSignal) {
    return play(script, signal)
  }
}

/** A short lease and TTL, for the expiry tests. */
export class ShortStreams extends TestStreams {
  protected override readonly lease: number = 300
  protected override readonly ttl: number = 300
}

/** A short lease and the default TTL, for the lapse tests: an ended stream stays readable. */
export class LeaseStreams extends TestStreams {
  protected override readonly lease: number = 300
}

export default {
  fetch: () => new Response('Not found', { status: 404 }),
} satisfies ExportedHandler<Cloudflare.Env>
