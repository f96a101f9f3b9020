import { describe, expect, it } from 'vitest'
import { inStreamOrder } from '../../src/batch-order.ts'

const entries = (...ids: string[]) => ids.map((id) => [id, ['e', `data: ${id}\n\n`]])

describe('inStreamOrder()', () => {
  it('merges the streams of one XREAD reply by ID', () => {
    const reply = [
      ['a', entries('1-0', '3-0', '5-0')],
      ['b', entries('2-0', '4-0')],
    ]
    expect(inStreamOrder(reply, 10).map((entry) => `${entry.stream} ${entry.id}`)).toEqual([
      'a 1-0',
      'b 2-0',
      'a 3-0',
      'b 4-0',
      'a 5-0',
    ])
  })

  it('holds back what lies past a stream that filled its COUNT, which may have more before it', () => {
    // Stream a returned its COUNT of 2 and may hold 4-0 next; b's 5-0 and 6-0 must wait for it.
    const reply = [
      ['a', entries('1-0', '3-0')],
      ['b', entries('2-0', '5-0', '6-0')],
    ]
    expect(inStreamOrder(reply, 2).map((entry) => entry.id)).toEqual(['1-0', '2-0', '3-0'])
  })

  it('reads the encoded event from field e, and skips entries without it', () => {
    const reply = [
      [
        'a',
        [
          ['1-0', ['e', 'data: x\n\n']],
          ['2-0', ['other', 'y']],
          ['3-0', null],
        ],
      ],
    ]
    expect(inStreamOrder(reply, 10)).toEqual([{ stream: 'a', id: '1-0', body: 'data: x\n\n' }])
    expect(inStreamOrder(null, 10)).toEqual([])
  })
})
