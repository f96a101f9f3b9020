import { describe, it } from 'vitest'
import { roundTripProperty } from '../portable/encode/round-trip.ts'

describe('encode() property, full run', () => {
  it('encode() round-trips 20 000 arbitrary messages through a real parser', () => {
    roundTripProperty(20_000)
  }, 120_000)
})
