import { describe, expect, it } from 'vitest'
import { lastEventId } from '../../../src/index.ts'

const request = (url: string, headers: Record<string, string> = {}) =>
  new Request(`https://example.test${url}`, { headers })

describe('lastEventId()', () => {
  it('lastEventId() reads the Last-Event-ID header', () => {
    expect(lastEventId(request('/sse', { 'Last-Event-ID': '42' }))).toBe('42')
  })

  it('lastEventId() falls back to the lastEventId query parameter', () => {
    expect(lastEventId(request('/sse?lastEventId=7'))).toBe('7')
  })

  it('lastEventId() prefers the header over the query', () => {
    expect(lastEventId(request('/sse?lastEventId=7', { 'last-event-id': '8' }))).toBe('8')
  })

  it('lastEventId() returns undefined when absent or empty', () => {
    expect(lastEventId(request('/sse'))).toBeUndefined()
    expect(lastEventId(request('/sse?lastEventId='))).toBeUndefined()
  })

  it('lastEventId() returns undefined past the length cap', () => {
    expect(lastEventId(request(`/sse?lastEventId=${'x'.repeat(1025)}`))).toBeUndefined()
    expect(lastEventId(request(`/sse?lastEventId=${'x'.repeat(1024)}`))).toHaveLength(1024)
    expect(lastEventId(request('/sse?lastEventId=12345'), { maxLength: 4 })).toBeUndefined()
  })

  it('lastEventId() returns undefined for CR, LF or U+0000 in the query', () => {
    for (const bad of ['%0A', '%0D', '%00']) {
      expect(lastEventId(request(`/sse?lastEventId=a${bad}b`))).toBeUndefined()
    }
  })
})
