import { readEventStream } from '@ssekit/testkit/event-stream'

/** A producer a test drives: each `push` is one chunk, `end()` finishes it, `fail()` throws. */
export function manualProducer<T = unknown>() {
  let controller!: ReadableStreamDefaultController<T>
  const stream = new ReadableStream<T>({
    start: (c) => {
      controller = c
    },
  })
  let signal: AbortSignal | undefined
  return {
    producer: (given: AbortSignal) => {
      signal = given
      return stream
    },
    push: (chunk: T) => controller.enqueue(chunk),
    end: () => controller.close(),
    fail: (error: Error) => controller.error(error),
    get signal() {
      return signal
    },
  }
}

/** Reads a reader's response to its end, with a bound, and returns its events. */
export async function readAll(response: Response, timeoutMs = 10_000) {
  const stream = readEventStream(response, { timeoutMs })
  await stream.readToEnd()
  return stream.events
}

/** The chunks among events: every event without a name, decoded from its JSON. */
export function chunksOf(events: { event?: string | undefined; data: string }[]): unknown[] {
  return events.filter((event) => event.event === undefined).map((event) => JSON.parse(event.data))
}

/** The outcome an `end` event names. */
export function endOf(events: { event?: string | undefined; data: string }[]) {
  const ends = events.filter((event) => event.event === 'end')
  if (ends.length !== 1) throw new Error(`Expected one end event, got ${ends.length}`)
  return JSON.parse((ends[0] as { data: string }).data) as { state: string; error?: string }
}

/** Waits until `check` holds, polling; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Reads a stream of values to its end into `into`; rejects with the stream's error. */
export async function collect<T>(stream: ReadableStream<T>, into: T[] = []): Promise<T[]> {
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return into
    into.push(value)
  }
}
