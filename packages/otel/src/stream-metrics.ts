import type { BatchObservableResult, Meter } from '@opentelemetry/api'
import type { CloseReason } from '@ssekit/core'
import { SSEKIT_ATTRIBUTES, SSEKIT_METRICS } from './names.ts'

const REASONS: readonly CloseReason[] = ['client', 'producer', 'error', 'server', 'expired']

/**
 * The counts of every stream in the process, kept as plain numbers on the streams' paths (an
 * increment each) and read by OpenTelemetry only when it collects: thousands of writes a second
 * cost no attribute lookups or aggregator calls.
 */
export class StreamTotals {
  opened = 0
  events = 0
  bytes = 0
  heartbeats = 0
  readonly closed: Record<CloseReason, number> = {
    client: 0,
    producer: 0,
    error: 0,
    server: 0,
    expired: 0,
  }

  /** Streams open now: opened and not yet closed. */
  get open(): number {
    let closed = 0
    for (const reason of REASONS) closed += this.closed[reason]
    return this.opened - closed
  }

  /**
   * Makes the observable instruments that report these counts.
   * @returns The function that stops reporting them.
   */
  observe(meter: Meter): () => void {
    const m = SSEKIT_METRICS
    const open = meter.createObservableUpDownCounter(m.streamsOpen, {
      description: 'Event streams open now',
      unit: '{stream}',
    })
    const opened = meter.createObservableCounter(m.streamsOpened, {
      description: 'Event streams opened',
      unit: '{stream}',
    })
    const closed = meter.createObservableCounter(m.streamsClosed, {
      description: 'Event streams closed, by why',
      unit: '{stream}',
    })
    const events = meter.createObservableCounter(m.eventsSent, {
      description: 'Events queued for clients: sends, channel deliveries and replays',
      unit: '{event}',
    })
    const bytes = meter.createObservableCounter(m.bytesSent, {
      description: "Bytes handed to clients' connections",
      unit: 'By',
    })
    const heartbeats = meter.createObservableCounter(m.heartbeatsSent, {
      description: 'Keep-alive comments sent to quiet streams',
      unit: '{heartbeat}',
    })
    const instruments = [open, opened, closed, events, bytes, heartbeats]
    const report = (result: BatchObservableResult) => {
      result.observe(open, this.open)
      result.observe(opened, this.opened)
      for (const reason of REASONS) {
        result.observe(closed, this.closed[reason], { [SSEKIT_ATTRIBUTES.closeReason]: reason })
      }
      result.observe(events, this.events)
      result.observe(bytes, this.bytes)
      result.observe(heartbeats, this.heartbeats)
    }
    meter.addBatchObservableCallback(report, instruments)
    return () => meter.removeBatchObservableCallback(report, instruments)
  }
}
