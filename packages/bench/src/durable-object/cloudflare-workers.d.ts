// The workerd APIs the bench Worker uses, declared for the bench's Node typecheck.
declare module 'cloudflare:workers' {
  export class DurableObject {
    constructor(ctx: unknown, env: unknown)
    protected ctx: {
      acceptWebSocket(socket: WebSocket): void
      getWebSockets(): WebSocket[]
    }
  }
}
declare class WebSocketPair {
  0: WebSocket
  1: WebSocket
}
