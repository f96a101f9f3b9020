import { createDurableStreams } from '@ssekit/resumable/cloudflare'
import type { UIMessage } from 'ai'
import type { ChatObject } from './chat-object.ts'

/**
 * The AI SDK's chat routes: `POST /api/chat` starts the answer in the chat's Durable Object and
 * streams it; `GET /api/chat/:id/stream` (what `DefaultChatTransport.reconnectToStream` and
 * `useChat({ resume: true })` call) resumes it, or answers `204` when the chat has none. In this
 * demo a chat's stream is named after the chat: one answer per chat.
 */
export function chatRoutes(
  namespace: DurableObjectNamespace<ChatObject>,
): (request: Request) => Promise<Response> | undefined {
  const streams = createDurableStreams<{ messages: UIMessage[] }>(namespace)
  return (request) => {
    const { pathname } = new URL(request.url)
    if (request.method === 'POST' && pathname === '/api/chat') return start(request)
    const resume = /^\/api\/chat\/([^/]+)\/stream$/.exec(pathname)
    if (request.method === 'GET' && resume !== null) return reconnect(request, resume[1] as string)
    return undefined
  }

  async function start(request: Request): Promise<Response> {
    const { id, messages } = (await request.json()) as { id: string; messages: UIMessage[] }
    await streams.start(id, { messages }, { format: 'ui-message-stream' })
    return streams.subscribe(request, id)
  }

  async function reconnect(request: Request, chatId: string): Promise<Response> {
    const response = await streams.subscribe(request, decodeURIComponent(chatId))
    // The AI SDK reads 204 as "nothing to resume".
    return response.status === 404 ? new Response(null, { status: 204 }) : response
  }
}
