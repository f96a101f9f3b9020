import assert from 'node:assert/strict'
import { openEventStream } from './event-stream-client.ts'
import {
  chatsFrom,
  dropStream,
  publishChat,
  readDropToken,
  readUntilId,
  uniqueName,
} from './feed-client.ts'
import type { ConformanceOptions } from './suite-options.ts'

/** The drop-hook part of the feed suite. @internal */
export function addFeedDropTests({ test, baseUrl }: ConformanceOptions): void {
  test('POST /events/drop with a stream’s own token ends it; resuming loses nothing', async () => {
    const url = baseUrl()
    const me = uniqueName('drop')
    const stream = await openEventStream(`${url}/events`)
    const token = await readDropToken(stream)
    const before = await publishChat(url, me, 'before')
    await readUntilId(stream, before)
    assert.equal((await dropStream(url, token)).status, 204)
    // The server ends the stream: reading reaches its end instead of timing out.
    await stream.readToEnd()
    await stream.close()
    const missed = [await publishChat(url, me, 'away-1'), await publishChat(url, me, 'away-2')]
    const again = await openEventStream(`${url}/events`, { headers: { 'last-event-id': before } })
    try {
      const fresh = await readDropToken(again)
      assert.notEqual(fresh, token, 'The new stream has a token of its own')
      await readUntilId(again, missed.at(-1) as string)
      assert.deepEqual(ids(chatsFrom(again.events, me)), missed)
      const spent = await dropStream(url, token)
      assert.equal(spent.status, 404, 'A token closes its own stream once, and nothing else')
    } finally {
      await again.close()
    }
  })

  test('POST /events/drop without the stream’s token, or with a wrong one, is refused', async () => {
    const url = baseUrl()
    const me = uniqueName('kept')
    const client = crypto.randomUUID()
    const stream = await openEventStream(`${url}/events?client=${client}`)
    try {
      const token = await readDropToken(stream)
      const refused = {
        'no token': await dropStream(url, undefined),
        'an empty token': await dropStream(url, ''),
        'a made-up token': await dropStream(url, crypto.randomUUID()),
        'the token with one character changed': await dropStream(url, flipLast(token)),
        'the old ?client= hook': await fetch(`${url}/events/drop?client=${client}`, {
          method: 'POST',
        }),
      }
      for (const [what, response] of Object.entries(refused)) {
        const message = await response.text()
        assert.ok(response.status === 400 || response.status === 404, `${what}: ${response.status}`)
        assert.match(message, /drop-token/, `${what}: the refusal names the header: ${message}`)
      }
      const after = await publishChat(url, me, 'still here')
      await readUntilId(stream, after)
      assert.deepEqual(chatsFrom(stream.events, me), [{ id: after, from: me, text: 'still here' }])
    } finally {
      await stream.close()
    }
  })

  test('a second subscriber with the same ?client= leaves the first one open', async () => {
    const url = baseUrl()
    const me = uniqueName('twin')
    const client = crypto.randomUUID()
    const first = await openEventStream(`${url}/events?client=${client}`)
    const second = await openEventStream(`${url}/events?client=${client}`)
    try {
      const tokens = [await readDropToken(first), await readDropToken(second)]
      assert.notEqual(tokens[0], tokens[1])
      const id = await publishChat(url, me, 'to both')
      for (const stream of [first, second]) {
        await readUntilId(stream, id)
        assert.deepEqual(ids(chatsFrom(stream.events, me)), [id])
        assert.equal(stream.done, false)
      }
    } finally {
      await Promise.all([first.close(), second.close()])
    }
  })
}

const ids = (chats: readonly { id: string | undefined }[]) => chats.map((chat) => chat.id)

const flipLast = (token: string) => token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')
