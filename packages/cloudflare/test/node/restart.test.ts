import { DatabaseSync } from 'node:sqlite'
import type { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleTestWorker, sqliteFiles, startRuntime, stateFolder } from './runtime.ts'

/** SSEChannelObject's RPC methods, as seen from Node (src/ is typed for workerd). */
interface ChannelObjectRpc {
  append(frame: string, topic: string): Promise<string>
  readAfter(
    lastEventId: string,
    topics: string[],
  ): Promise<{ events: { id: string; topic: string; frame: string }[]; complete: boolean }>
}

let script: string
let state: Awaited<ReturnType<typeof stateFolder>>
let runtime: Miniflare | undefined
beforeAll(async () => {
  script = await bundleTestWorker()
  state = await stateFolder()
})
afterAll(async () => {
  await runtime?.dispose()
  await state?.cleanup()
})

/** The stub of channel `name` in the binding `binding` of the running runtime. */
async function channelObject(binding: string, name: string) {
  const namespace = await (runtime as Miniflare).getDurableObjectNamespace(binding)
  // miniflare's proxy types stubs loosely; these are the object's own RPC methods.
  return namespace.get(namespace.idFromName(name)) as unknown as ChannelObjectRpc
}

describe('SSEChannelObject across a restart of the runtime (miniflare)', () => {
  it('keeps its history and its counter; the SQLite file holds just what the limits keep', async () => {
    runtime = startRuntime(script, state.path)
    const small = await channelObject('SMALL', 'restart') // keeps 3
    for (const n of [1, 2, 3, 4, 5]) {
      expect(await small.append(`data: ${n}\n\n`, 'default')).toBe(String(n))
    }
    await runtime.dispose()

    runtime = startRuntime(script, state.path)
    const again = await channelObject('SMALL', 'restart')
    expect(await again.readAfter('3', ['default'])).toEqual({
      events: [
        { id: '4', topic: 'default', frame: 'id: 4\ndata: 4\n\n' },
        { id: '5', topic: 'default', frame: 'id: 5\ndata: 5\n\n' },
      ],
      complete: true,
    })
    // 2 was trimmed before the restart: the gap is still known after it.
    const afterTrimmed = await again.readAfter('1', ['default'])
    expect(afterTrimmed.complete).toBe(false)
    expect(afterTrimmed.events.map((event) => event.id)).toEqual(['3', '4', '5'])
    expect(await again.append('data: 6\n\n', 'default')).toBe('6')
    await runtime.dispose()
    runtime = undefined

    // Read the object's database as the runtime left it, with the runtime stopped.
    const files = await sqliteFiles(state.path)
    const rows = files.flatMap((file) => {
      const database = new DatabaseSync(file, { readOnly: true })
      try {
        const tables = database
          .prepare("SELECT name FROM sqlite_master WHERE name = 'ssekit_events'")
          .all()
        if (tables.length === 0) return []
        const seqs = database.prepare('SELECT seq FROM ssekit_events ORDER BY seq').all()
        const counter = database.prepare('SELECT last FROM ssekit_counter').get()
        return [{ seqs: seqs.map((row) => row.seq), counter: counter?.last }]
      } finally {
        database.close()
      }
    })
    expect(rows).toEqual([{ seqs: [4, 5, 6], counter: 6 }])
  })

  it('refuses, over RPC, a frame that carries its own ID or is not one event', async () => {
    runtime = startRuntime(script, state.path)
    const append = async (frame: unknown, topic: unknown) => {
      const response = await (runtime as Miniflare).dispatchFetch(
        'http://channels.test/append?name=validation',
        { method: 'POST', body: JSON.stringify({ frame, topic }) },
      )
      return response.json()
    }
    expect(await append('id: 9\ndata: x\n\n', 'default')).toEqual({
      error: 'TypeError: Cannot append: `frame` cannot have an `id` field',
    })
    expect(await append('data: x\n', 'default')).toEqual({
      error: 'SyntaxError: Cannot append: `frame` must be one encoded event ending in a blank line',
    })
    expect(await append('data: x\n\n', 7)).toEqual({
      error: 'TypeError: Cannot append: `frame` and `topic` must be strings',
    })
    expect(await append('data: ok\n\n', 'default')).toEqual({ id: '1' })
    const stub = await channelObject('CHANNELS', 'validation')
    expect(await stub.readAfter('0', ['default'])).toMatchObject({ events: [{ id: '1' }] })
  })
})
