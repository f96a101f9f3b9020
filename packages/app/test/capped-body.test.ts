import { describe, expect, test } from 'vitest'
import { DISCARD_LIMIT_BYTES, readCappedText } from '../src/capped-body.ts'

/** A POST whose body is `chunks` pieces of `size` bytes, counting the pieces read. */
function upload(chunks: number, size: number, headers: Record<string, string> = {}) {
  const chunk = new Uint8Array(size).fill(0x20)
  const counts = { pulled: 0, cancelled: false }
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counts.pulled++ < chunks) controller.enqueue(chunk)
      else controller.close()
    },
    cancel() {
      counts.cancelled = true
    },
  })
  const request = new Request('http://app.test/events', {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit)
  return { request, counts }
}

describe('readCappedText()', () => {
  test('readCappedText() returns the body as text when it fits', async () => {
    const request = new Request('http://app.test/', { method: 'POST', body: 'héllo' })
    expect(await readCappedText(request, 6)).toBe('héllo')
  })

  test('readCappedText() reads an oversized body to its end before refusing it', async () => {
    // Answering mid-upload makes wrangler dev's proxy answer 500: the whole 10 MiB is read.
    const { request, counts } = upload(160, 64 * 1024)
    expect(await readCappedText(request, 4096)).toBeUndefined()
    expect(counts.pulled).toBe(161)
    expect(counts.cancelled).toBe(false)
  })

  test('readCappedText() refuses a body whose Content-Length is over the limit', async () => {
    const { request } = upload(1, 100, { 'content-length': '5000' })
    expect(await readCappedText(request, 4096)).toBeUndefined()
  })

  test('readCappedText() cuts off an upload past the discard limit', async () => {
    const size = 1024 * 1024
    const { request, counts } = upload(DISCARD_LIMIT_BYTES / size + 50, size)
    expect(await readCappedText(request, 4096)).toBeUndefined()
    expect(counts.cancelled).toBe(true)
    expect(counts.pulled).toBeLessThan(DISCARD_LIMIT_BYTES / size + 10)
  })

  test('readCappedText() throws a TypeError when the upload breaks off', async () => {
    let sent = false
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error('connection reset'))
        else controller.enqueue(new TextEncoder().encode('{"from"'))
        sent = true
      },
    })
    const request = new Request('http://app.test/', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit)
    await expect(readCappedText(request, 4096)).rejects.toThrow(
      new TypeError('Cannot publish: the body broke off before its end'),
    )
  })

  test('readCappedText() throws a TypeError naming UTF-8 for bytes that are not UTF-8', async () => {
    const request = new Request('http://app.test/', {
      method: 'POST',
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    })
    await expect(readCappedText(request, 4096)).rejects.toThrow(/not valid UTF-8/)
  })
})
