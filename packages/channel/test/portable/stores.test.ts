import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RingBufferStore, type StoredEvent, TtlStore } from '../../src/index.ts'

const event = (id: string, topic = 'default'): StoredEvent => ({
  id,
  topic,
  bytes: new TextEncoder().encode(`id: ${id}\ndata: x\n\n`),
})

describe('RingBufferStore', () => {
  it('keeps the last N events and reads after any kept ID (fast-check against an array model)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3100 }),
        (capacity, count, probe) => {
          const store = new RingBufferStore({ capacity })
          const all = Array.from({ length: count }, (_, i) => event(String(i)))
          for (const stored of all) store.append(stored)
          const kept = all.slice(Math.max(0, count - capacity))
          expect(store.size).toBe(kept.length)
          const at = kept.findIndex((stored) => stored.id === String(probe))
          const batch = store.readAfter(String(probe))
          if (at < 0) expect(batch).toEqual({ events: kept, complete: false })
          else expect(batch).toEqual({ events: kept.slice(at + 1), complete: true })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('resolves a repeated ID to its newest event, even after the older one is trimmed', () => {
    const store = new RingBufferStore({ capacity: 2 })
    store.append(event('same'))
    store.append(event('same'))
    store.append(event('next'))
    expect(store.readAfter('same')).toEqual({ events: [event('next')], complete: true })
  })

  it('rejects a capacity that is not a non-negative integer', () => {
    expect(() => new RingBufferStore({ capacity: -1 })).toThrow(RangeError)
    expect(() => new RingBufferStore({ capacity: 1.5 })).toThrow(RangeError)
  })
})

describe('TtlStore', () => {
  it('forgets events once they are ttl old, without a timer', () => {
    let now = 0
    const store = new TtlStore({ ttl: 100, now: () => now })
    store.append(event('a'))
    now = 50
    store.append(event('b'))
    now = 99
    expect(store.readAfter('a')).toEqual({ events: [event('b')], complete: true })
    now = 100
    expect(store.readAfter('a')).toEqual({ events: [event('b')], complete: false })
    now = 150
    expect(store.readAfter('a')).toEqual({ events: [], complete: false })
    expect(store.size).toBe(0)
  })

  it('caps the count at maxEvents whatever their age', () => {
    const store = new TtlStore({ ttl: 60_000, maxEvents: 3, now: () => 0 })
    for (const id of ['a', 'b', 'c', 'd', 'e']) store.append(event(id))
    expect(store.size).toBe(3)
    expect(store.readAfter('c')).toEqual({ events: [event('d'), event('e')], complete: true })
  })

  it('keeps expiry in append order when the clock steps back', () => {
    let now = 1000
    const store = new TtlStore({ ttl: 100, now: () => now })
    store.append(event('a'))
    now = 500
    store.append(event('b'))
    now = 1099
    expect(store.readAfter('a')).toEqual({ events: [event('b')], complete: true })
    now = 1100
    expect(store.readAfter('a').complete).toBe(false)
    expect(store.size).toBe(0)
  })

  it('rejects a negative or infinite ttl', () => {
    expect(() => new TtlStore({ ttl: -1 })).toThrow(RangeError)
    expect(() => new TtlStore({ ttl: Number.POSITIVE_INFINITY })).toThrow(RangeError)
    expect(() => new TtlStore({ ttl: Number.NaN })).toThrow(RangeError)
  })
})
