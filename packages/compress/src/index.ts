/**
 * Compressed Server-Sent Events that still deliver every event at once: `compression(request)`
 * negotiates gzip, deflate or Brotli for a `compress` option, and the stream flushes once per
 * flush turn. Built on `node:zlib`: Node, Bun, Deno, and Cloudflare Workers with `nodejs_compat`.
 *
 * @module
 */

export { compression } from './compression.ts'
export type { CompressionOptions, ContentCoding } from './options.ts'
