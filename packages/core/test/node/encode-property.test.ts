import { describe, it } from 'vitest'
import { roundTripProperty } from '../portable/encode/round-trip.ts'

describe('encode() property, full run', () => {
  it('encode() round-trips 100 000 arbitrary messages through a real parser', () => {
    roundTripProperty(100_000)
  }, 120_000)
})
