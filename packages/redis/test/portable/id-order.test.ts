import { compareTimeOrderedIds } from '@ssekit/channel/backend'
import { describe, expect, it } from 'vitest'
import { rememberingIdOrder } from '../../src/id-order.ts'

describe('rememberingIdOrder()', () => {
  it('orders every pair as compareTimeOrderedIds does, asked again or not', () => {
    const ids = [
      '0-0',
      '0-1',
      '1-0',
      '9-9',
      '10-0',
      '10-2',
      '10-10',
      '1764067200000-0',
      'x',
      '01-0',
    ]
    const order = rememberingIdOrder()
    for (const a of ids) {
      for (const b of ids) {
        // Twice in a row (the second from memory), as a fan-out asks for each of its subscribers.
        for (let repeat = 0; repeat < 2; repeat++) {
          expect([a, b, order(a, b)]).toEqual([a, b, compareTimeOrderedIds(a, b)])
        }
      }
    }
  })

  it('answers a new pair anew when only one side changed', () => {
    const order = rememberingIdOrder()
    expect(order('2-0', '1-0')).toBeGreaterThan(0)
    expect(order('2-0', '3-0')).toBeLessThan(0)
    expect(order('4-0', '3-0')).toBeGreaterThan(0)
    expect(order('2-0', '3-0')).toBeLessThan(0)
  })
})
