import { describe, it } from 'vitest'
import { PORTABLE_RUNS, roundTripProperty } from './round-trip.ts'

describe('encode() property', () => {
  it('encode() round-trips any message through a real parser, or throws the typed error', () => {
    roundTripProperty(PORTABLE_RUNS)
  })
})
