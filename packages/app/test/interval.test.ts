import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_INTERVAL_MS,
  MAX_INTERVAL_MS,
  MIN_INTERVAL_MS,
  parseInterval,
} from '../src/interval.ts'

describe('parseInterval()', () => {
  test('parseInterval() defaults to once a second when absent', () => {
    expect(parseInterval(undefined)).toBe(DEFAULT_INTERVAL_MS)
  })

  test('parseInterval() accepts every whole number of milliseconds within bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS }), (ms) => {
        expect(parseInterval(String(ms))).toBe(ms)
      }),
    )
  })

  test.each(['', 'abc', '49', '60001', '1.5', '-100', '1e3', ' 100', '0x64'])(
    'parseInterval() rejects %j with a RangeError naming `interval`',
    (raw) => {
      expect(() => parseInterval(raw)).toThrow(RangeError)
      expect(() => parseInterval(raw)).toThrow(/`interval`.*50 to 60000/)
    },
  )

  test('parseInterval() returns a bounded period or throws a RangeError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        try {
          const ms = parseInterval(raw)
          expect(Number.isInteger(ms) && ms >= MIN_INTERVAL_MS && ms <= MAX_INTERVAL_MS).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError)
        }
      }),
    )
  })
})
