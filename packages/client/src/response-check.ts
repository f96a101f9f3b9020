import { retryAfterMs } from './backoff.ts'
import { SSEResponseError } from './errors.ts'

/** What to do with a response. @internal */
export type Verdict =
  | { readonly kind: 'stream'; readonly body: ReadableStream<Uint8Array> | null }
  | { readonly kind: 'stop' }
  | { readonly kind: 'retry'; readonly error: SSEResponseError; readonly after: number | undefined }

// 408 and 429 are the 4xx that say "later", like every 5xx.
const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500

/**
 * Sorts a response: an event stream to read, a 204 that stops the client (the spec's "stop
 * reconnecting"), a status worth retrying, or, thrown, a response that won't get better.
 * @internal
 */
export function checkResponse(response: Response): Verdict {
  const { status } = response
  if (status === 204) return { kind: 'stop' }
  if (RETRYABLE(status)) {
    return {
      kind: 'retry',
      error: new SSEResponseError(response, `answered ${describe(response)}`),
      after: retryAfterMs(response.headers.get('retry-after')),
    }
  }
  if (status < 200 || status > 299) {
    throw new SSEResponseError(response, `answered ${describe(response)}`)
  }
  const contentType = response.headers.get('content-type')
  if (mimeEssence(contentType) !== 'text/event-stream') {
    throw new SSEResponseError(
      response,
      `answered ${describe(response)} with content-type ${contentType === null ? 'none' : `"${contentType}"`}, not text/event-stream`,
    )
  }
  return { kind: 'stream', body: response.body }
}

function describe(response: Response): string {
  return response.statusText ? `${response.status} ${response.statusText}` : `${response.status}`
}

// `text/event-stream; charset=utf-8` and `Text/Event-Stream` are event streams too.
function mimeEssence(contentType: string | null): string | undefined {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase()
}
