import { describe, expect, test } from 'vitest'
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  serverTimeouts,
} from '../src/server-timeouts.ts'

describe('serverTimeouts()', () => {
  test('serverTimeouts() defaults to 10 s for the headers and 30 s for the request', () => {
    expect(serverTimeouts({})).toEqual({
      headersTimeout: DEFAULT_HEADERS_TIMEOUT_MS,
      requestTimeout: DEFAULT_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
    })
  })

  test('serverTimeouts() reads both from the environment, and checks often enough for them', () => {
    expect(serverTimeouts({ HEADERS_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '900' })).toEqual({
      headersTimeout: 400,
      requestTimeout: 900,
      connectionsCheckingInterval: 100,
    })
  })

  test.each(['0', '-1', '1.5', 'abc', '1e3', '9999999999'])(
    'serverTimeouts() throws a RangeError naming HEADERS_TIMEOUT_MS for %j',
    (raw) => {
      expect(() => serverTimeouts({ HEADERS_TIMEOUT_MS: raw })).toThrow(RangeError)
      expect(() => serverTimeouts({ HEADERS_TIMEOUT_MS: raw })).toThrow(/`HEADERS_TIMEOUT_MS`/)
    },
  )

  test('serverTimeouts() refuses headers that may take longer than the whole request', () => {
    expect(() =>
      serverTimeouts({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' }),
    ).toThrow(/must not exceed `REQUEST_TIMEOUT_MS`/)
  })
})
