/**
 * The load client of the one-stream part, in its own Node process: for each contender it opens a
 * raw `net` socket to 127.0.0.1, sends `GET /<contender>?n=…&kind=…` and times the stream from the
 * connect to its terminating chunk, counting body bytes with HTTP chunking undone. Each contender
 * is first checked once: its body is parsed with eventsource-parser and every event compared
 * with what was sent. The timed rounds interleave the contenders in a rotated order.
 */
import { connect } from 'node:net'
import { createParser } from 'eventsource-parser'
import { emitResult, readConfig } from '../child-io.ts'
import { getRequest, ResponseReader } from '../socket/response-reader.ts'
import { dataText, MESSAGE_KINDS, type MessageKind } from '../throughput/messages.ts'
import type { StreamLoadConfig, StreamLoadReport, StreamSamples, StreamTarget } from './types.ts'

const config = readConfig<StreamLoadConfig>()

/** Streams `count` events from a target; resolves with the elapsed ms and body bytes. */
function stream(
  target: StreamTarget,
  kind: MessageKind,
  count: number,
  onBody: (bytes: Uint8Array) => void = () => {},
): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0
    const reader = new ResponseReader((body) => {
      bytes += body.length
      onBody(body)
    })
    const started = performance.now()
    const socket = connect({ host: '127.0.0.1', port: target.port })
    const finish = () => {
      const ms = performance.now() - started
      socket.destroy()
      if (reader.status !== 200) reject(new Error(`${target.contender} answered ${reader.status}`))
      else resolve({ ms, bytes })
    }
    socket.setNoDelay(true)
    socket.once('connect', () => {
      socket.write(getRequest(target.port, `/${target.contender}?n=${count}&kind=${kind.name}`))
    })
    socket.on('data', (chunk: Buffer) => {
      try {
        reader.feed(chunk)
      } catch (error) {
        socket.destroy()
        reject(error)
        return
      }
      if (reader.ended) finish()
    })
    socket.once('error', reject)
    // A body without chunked framing ends with the connection.
    socket.once('close', () => (reader.ended ? undefined : finish()))
  })
}

/** Parses a short stream with eventsource-parser and compares every event with what was sent. */
async function verify(target: StreamTarget, kind: MessageKind, count: number): Promise<void> {
  const events: { id?: string | undefined; event?: string | undefined; data: string }[] = []
  const parser = createParser({ onEvent: (event) => events.push(event) })
  const decoder = new TextDecoder()
  await stream(target, kind, count, (bytes) => parser.feed(decoder.decode(bytes, { stream: true })))
  if (events.length !== count) throw new Error(`Expected ${count} events, parsed ${events.length}`)
  events.forEach((event, i) => {
    const sent = kind.messages[i & kind.mask] ?? { data: '' }
    const same =
      event.data === dataText(sent.data) &&
      (sent.event === undefined || event.event === sent.event) &&
      (sent.id === undefined || event.id === sent.id)
    if (!same) throw new Error(`Event ${i} differs from what was sent`)
  })
}

const report: StreamLoadReport = { kinds: [] }
for (const kind of MESSAGE_KINDS) {
  const count = config.counts[kind.name]
  if (count === undefined) continue
  const all: StreamSamples[] = []
  const runnable: StreamSamples[] = []
  const targetOf = new Map(config.targets.map((target) => [target.contender, target]))
  for (const target of config.targets) {
    const samples: StreamSamples = { contender: target.contender, ms: [], bytes: 0 }
    all.push(samples)
    try {
      await verify(target, kind, config.verifyCount)
      runnable.push(samples)
    } catch (error) {
      samples.error = error instanceof Error ? error.message : String(error)
    }
  }
  for (let round = 0; round < config.warmup + config.rounds; round++) {
    // Rotate the order each round, so no contender always runs right after the same one.
    for (let k = 0; k < runnable.length; k++) {
      const samples = runnable[(round + k) % runnable.length] as StreamSamples
      const { ms, bytes } = await stream(
        targetOf.get(samples.contender) as StreamTarget,
        kind,
        count,
      )
      if (round >= config.warmup) samples.ms.push(ms)
      samples.bytes = bytes
    }
  }
  report.kinds.push({ kind: kind.name, count, contenders: all })
}
emitResult(report)
