import { describe, expect, it } from 'vitest'
import { negotiateEncoding } from '../../src/negotiate.ts'

const OFFERED = ['gzip', 'br', 'deflate']

describe('negotiateEncoding()', () => {
  it.each([
    [null, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['gzip, deflate, br, zstd', 'gzip'],
    ['br', 'br'],
    ['gzip;q=0.5, br', 'br'],
    ['gzip;q=0.5, br;q=0.8, deflate;q=0.9', 'deflate'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['*', 'gzip'],
    ['*;q=0.5, gzip;q=0', 'br'],
    ['zstd', 'identity'],
    ['zstd, identity;q=0', undefined],
    ['zstd, *;q=0', undefined],
    ['zstd, *;q=0, identity', 'identity'],
    ['gzip;q=0, identity;q=0', undefined],
    ['br;q=0.001, identity;q=0', 'br'],
    ['gzip;q=2, br', 'br'],
    ['gzip;q=abc, br;q=0.1', 'br'],
    [' gzip ; q=0.7 , br ; q=0.6 ', 'gzip'],
  ] as const)('%j → %j', (header, expected) => {
    expect(negotiateEncoding(header, OFFERED)).toBe(expected)
  })

  it('breaks ties by the server’s order', () => {
    expect(negotiateEncoding('gzip, br', ['br', 'gzip'])).toBe('br')
    expect(negotiateEncoding('gzip, br', ['gzip', 'br'])).toBe('gzip')
  })
})
