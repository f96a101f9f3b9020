import { afterEach, describe, expect, it } from 'vitest'
import { events } from '../../src/index.ts'
import { bytewise, script } from '../harness/responses.ts'
import { collect } from '../harness/timers.ts'
import { serve, type Upstream } from '../harness/upstream.ts'

let upstream: Upstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

/** Serves `parts` once, answers 204 after, and reads every event. */
async function read(parts: Parameters<typeof script>[0], json = false) {
  upstream = await serve((_, n) => (n === 1 ? script(parts) : new Response(null, { status: 204 })))
  const stream = events(upstream.url, { ...upstream.init, retryDelay: 0, minRetryDelay: 0, json })
  return collect(stream)
}

describe('events() parsing', () => {
  it('events() parses a stream sent one byte at a time, split inside characters too', async () => {
    const text = 'id: 1\nevent: greet\ndata: héllo 👋\ndata: second line\n\ndata: plain\n\n'
    const got = await read(bytewise(text))
    expect(got).toEqual([
      { event: 'greet', data: 'héllo 👋\nsecond line', id: '1' },
      { event: 'message', data: 'plain', id: '1' },
    ])
    expect(upstream?.requests).toHaveLength(2)
  })

  it('events() ends lines at a lone CR, at CRLF and at LF alike', async () => {
    const got = await read([
      'data: cr\r\r',
      'data: crlf\r\n\r\n',
      'data: a\rdata: b\n\n',
      'data: split\r',
      '\n\r\n',
    ])
    expect(got.map((e) => e.data)).toEqual(['cr', 'crlf', 'a\nb', 'split'])
  })

  it('events() strips a leading BOM, even split across chunks', async () => {
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf)
    const got = await read([bom.subarray(0, 2), bom.subarray(2), 'data: after bom\n\n'])
    expect(got).toEqual([{ event: 'message', data: 'after bom', id: '' }])
  })

  it('events() drops only a real BOM, not text that reads like its bytes in Latin-1', async () => {
    // `ï»¿` is U+00EF U+00BB U+00BF: a field name to a browser, not a BOM.
    const got = await read(bytewise('ï»¿data: not an event\n\ndata: after\n\n'))
    expect(got).toEqual([{ event: 'message', data: 'after', id: '' }])
  })

  it('events() ignores comments and unknown fields; `message` is the default event name', async () => {
    const got = await read([
      ':\n\n',
      ': a comment\ndata: x\nfoo: bar\n\n',
      'event: named\ndata: y\n\n',
    ])
    expect(got).toEqual([
      { event: 'message', data: 'x', id: '' },
      { event: 'named', data: 'y', id: '' },
    ])
  })

  it('events() keeps the last event ID until the server changes it, as the spec says', async () => {
    const stream = events('http://unused.test/', {
      fetch: () =>
        script([
          'id: 7\ndata: a\n\n',
          'data: b\n\n',
          'id: 8\n\n',
          'data: c\n\n',
          'id:\ndata: d\n\n',
        ]),
    })
    const got: string[] = []
    for await (const e of stream) {
      got.push(`${e.data}@${e.id}`)
      if (got.length === 4) break
    }
    expect(got).toEqual(['a@7', 'b@7', 'c@8', 'd@'])
    expect(stream.lastEventId).toBe('')
  })

  it('events() tells the last event ID handed out, not one parsed ahead of the loop', async () => {
    const stream = events('http://unused.test/', {
      fetch: () => script(['id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\n\n']),
    })
    const first = await stream.next()
    expect(first.value?.id).toBe('1')
    expect(stream.lastEventId).toBe('1')
    // Nothing but an `id:`-only block follows `b`, so resuming from 3 misses nothing.
    expect((await stream.next()).value?.id).toBe('2')
    expect(stream.lastEventId).toBe('3')
    await stream.return()
  })

  it('events() parses JSON data when asked, typed by the event map', async () => {
    type Events = { price: { usd: number }; message: string }
    upstream = await serve(() => script(['event: price\ndata: {"usd":42}\n\n', 'data: "hi"\n\n']))
    const got: unknown[] = []
    for await (const e of events<Events>(upstream.url, { ...upstream.init, json: true })) {
      if (e.event === 'price') got.push(e.data.usd)
      else got.push(e.data.toUpperCase())
      if (got.length === 2) break
    }
    expect(got).toEqual([42, 'HI'])
  })

  it('events() throws a SyntaxError naming the event when its data is not JSON', async () => {
    upstream = await serve(() => script(['id: 5\nevent: price\ndata: {nope\n\n']))
    const stream = events(upstream.url, { ...upstream.init, json: true })
    await expect(stream.next()).rejects.toThrow(
      new SyntaxError('Cannot parse event: the data of the "price" event (id "5") is not JSON'),
    )
    expect(upstream.requests).toHaveLength(1)
  })
})
