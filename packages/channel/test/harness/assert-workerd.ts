// Fails the run loudly if the pool ever falls back to Node: these tests exist to prove workerd.
if (navigator.userAgent !== 'Cloudflare-Workers') {
  throw new Error(`core-workerd must run inside workerd, not ${navigator.userAgent}`)
}
