// The one workerd module the bench Worker imports, declared for the bench's Node typecheck.
declare module 'cloudflare:workers' {
  export class DurableObject {
    constructor(ctx: unknown, env: unknown)
  }
}
