// Deno runs the portable suite through node:test (which maps onto Deno.test) and Jest's `expect`,
// the same matchers vitest and bun:test provide. deno.json maps the 'vitest' import here.
export { afterEach, beforeEach, describe, it } from 'node:test'
export { expect } from 'expect'
