import { expect, test } from 'vitest'
import { utcSeconds } from '../src/utc-seconds.ts'

test('utcSeconds() formats RFC 3339 in UTC and drops the fraction', () => {
  expect(utcSeconds(new Date(Date.UTC(2026, 10, 23, 20, 5, 44, 987)))).toBe('2026-11-23T20:05:44Z')
})

test('utcSeconds() pads every field to two digits', () => {
  expect(utcSeconds(new Date(Date.UTC(2027, 0, 2, 3, 4, 5)))).toBe('2027-01-02T03:04:05Z')
})
