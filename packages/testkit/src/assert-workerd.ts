/**
 * A vitest setup module for the Workers test pool: fails the run loudly if the pool ever falls
 * back to Node, since those tests exist to prove workerd.
 *
 * @module
 */
if (navigator.userAgent !== 'Cloudflare-Workers') {
  throw new Error(`These tests must run inside workerd, not ${navigator.userAgent}`)
}
