import { createChannel } from '@ssekit/channel'
import { readEventStream } from '@ssekit/testkit/event-stream'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { Sdk } from './harness/sdk.ts'

let sdk: Sdk
beforeEach(() => {
  sdk = new Sdk()
})
afterEach(() => sdk.close())

// `name value` lines, and `# TYPE name type`, of the Prometheus text format. The exporter labels
// every sample with its scope (`otel_scope_name`): left out, so a sample is named as scraped.
function samples(text: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice('# TYPE '.length).split(' ')
      found.set(`type ${name}`, type as string)
    } else if (line !== '' && !line.startsWith('#')) {
      const at = line.lastIndexOf(' ')
      const name = line
        .slice(0, at)
        .replace(/,?otel_scope_name="[^"]*"/, '')
        .replace('{}', '')
      found.set(name, line.slice(at + 1))
    }
  }
  return found
}

test('@opentelemetry/exporter-prometheus renders the names operators scrape', async () => {
  const channel = createChannel()
  const streams = await Promise.all(
    [1, 2, 3].map(async () => readEventStream(await channel.subscribe(new Request('http://x/')))),
  )
  for (const stream of streams) void stream.follow()
  const stalled = await channel.subscribe(new Request('http://x/'), { maxBuffered: 64 })
  for (let n = 0; n < 4; n++) await channel.publish({ data: 'x'.repeat(40) })
  for (const stream of streams) await stream.waitForEvents(4)
  const raw = await sdk.prometheus()
  const text = samples(raw)
  expect(text.get('type ssekit_streams_open')).toBe('gauge')
  expect(text.get('ssekit_streams_open')).toBe('3')
  expect(text.get('type ssekit_streams_opened_total')).toBe('counter')
  expect(text.get('ssekit_streams_opened_total')).toBe('4')
  // 4 to each of the 3 that read, and the first to the stalled one before it fell behind.
  expect(text.get('ssekit_events_sent_total')).toBe('13')
  expect(Number(text.get('ssekit_bytes_sent_total'))).toBeGreaterThan(0)
  expect(text.get('ssekit_slow_consumer_disconnects_total{ssekit_backend="memory"}')).toBe('1')
  expect(text.get('type ssekit_publish_duration')).toBe('histogram')
  expect(text.get('ssekit_publish_duration_count{ssekit_backend="memory"}')).toBe('4')
  for (const stream of streams) await stream.cancel()
  await stalled.body?.cancel()
  await channel.close()
  expect(samples(await sdk.prometheus()).get('ssekit_streams_open')).toBe('0')
})
