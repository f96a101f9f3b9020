import assert from 'node:assert/strict'
import { openEventStream } from './event-stream-client.ts'
import { chatsFrom, readUntilId, uniqueName } from './feed-client.ts'
import { BAD_POSTS, GOOD_POSTS, json, post } from './feed-posts.ts'
import type { ConformanceOptions } from './suite-options.ts'

/** The `POST /events` validation part of the feed suite. @internal */
export function addFeedValidationTests({ test, baseUrl }: ConformanceOptions): void {
  for (const [name, make] of Object.entries(BAD_POSTS)) {
    const status = make('').status ?? 400
    test(`POST /events answers ${status} to ${name}`, async () => {
      const bad = make(uniqueName('bad'))
      const response = await post(baseUrl(), bad)
      assert.equal(response.status, status)
      const message = await response.text()
      assert.ok(message.includes(bad.names), `The 400 names the problem: ${message}`)
    })
  }

  test('POST /events refuses a `text` that draws nothing with the very error of an empty one', async () => {
    const url = baseUrl()
    const me = uniqueName('blank')
    const refusal = async (text: string) => {
      const response = await post(url, { body: JSON.stringify({ from: me, text }), type: json })
      return `${response.status} ${await response.text()}`
    }
    const empty = await refusal('')
    assert.match(empty, /^400 .*`text`/)
    // Zero-width space, word joiner, BOM, a variation selector, a combining mark with no base,
    // a Hangul filler and the empty Braille pattern: nothing a reader can see.
    for (const text of ['\u200B', '\u2060\uFEFF', '\uFE0F', ' \u0301 ', '\u3164', '\u2800\u200D']) {
      assert.equal(await refusal(text), empty, `The refusal of ${JSON.stringify(text)}`)
    }
  })

  for (const [name, make] of Object.entries(GOOD_POSTS)) {
    test(`POST /events publishes ${name}`, async () => {
      const url = baseUrl()
      const good = make(uniqueName('good'))
      const stream = await openEventStream(`${url}/events`)
      try {
        const body = JSON.stringify({ from: good.from, text: good.text })
        const response = await post(url, { body, type: good.type })
        assert.equal(response.status, 201, await response.clone().text())
        const { id } = (await response.json()) as { id: string }
        await readUntilId(stream, id)
        const { from, text } = good
        assert.deepEqual(chatsFrom(stream.events, from), [{ id, from, text }])
      } finally {
        await stream.close()
      }
    })
  }

  test('POST /events answers 201 with the ID to a good message; the bad ones publish nothing', async () => {
    const url = baseUrl()
    const me = uniqueName('good')
    const stream = await openEventStream(`${url}/events`)
    try {
      for (const make of Object.values(BAD_POSTS)) {
        const bad = make(me)
        const response = await post(url, bad)
        await response.body?.cancel()
        assert.equal(response.status, bad.status ?? 400)
      }
      const good = JSON.stringify({ from: ` ${me} `, text: 'hi' })
      const response = await post(url, { body: good, type: json })
      assert.equal(response.status, 201)
      assert.ok(response.headers.get('content-type')?.startsWith('application/json'))
      const { id } = (await response.json()) as { id: string }
      assert.equal(typeof id, 'string')
      await readUntilId(stream, id)
      // The name arrives trimmed; no bad post got through before it.
      assert.deepEqual(chatsFrom(stream.events, me), [{ id, from: me, text: 'hi' }])
    } finally {
      await stream.close()
    }
  })
}
