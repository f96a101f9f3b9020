import { describe, expect, it } from 'vitest'
import { benchFanout } from './fanout-measure.ts'

describe('benchFanout()', () => {
  it('measures channel and baseline publishes, with one encode per channel publish', async () => {
    const result = await benchFanout({ subscribers: 50, publishes: 10, warmup: 2 })
    expect(result.channel.encodes).toBe(12)
    for (const times of [result.channel, result.baseline]) {
      for (const stat of [times.publish, times.delivered]) {
        expect(Number.isFinite(stat.p50) && Number.isFinite(stat.p99)).toBe(true)
        expect(stat.p50).toBeLessThanOrEqual(stat.p99)
      }
      expect(times.publish.p50).toBeLessThanOrEqual(times.delivered.p99)
    }
  })
})
