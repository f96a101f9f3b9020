/**
 * A vitest setup module: fails the run loudly if a runner meant for Bun or Deno ever runs the
 * tests on another runtime (vitest's pool falling back to Node, say). The packages' test scripts
 * set `EXPECT_RUNTIME` (`node`, `bun`, `deno` or `workerd`); without it, any runtime goes.
 *
 * @module
 */
const expected = globalThis.process?.env?.EXPECT_RUNTIME
const actual =
  'Bun' in globalThis
    ? 'bun'
    : 'Deno' in globalThis
      ? 'deno'
      : navigator.userAgent === 'Cloudflare-Workers'
        ? 'workerd'
        : 'node'
if (expected !== undefined && expected !== actual) {
  throw new Error(`These tests must run on ${expected}, not ${actual}`)
}
