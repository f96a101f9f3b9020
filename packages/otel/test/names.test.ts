import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { SSEKIT_METRICS, SSEKIT_SPANS } from '../src/index.ts'

test('the README table documents every metric and span name, each once', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'))
  const documented = rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1])
  const names = [...Object.values(SSEKIT_METRICS), ...Object.values(SSEKIT_SPANS)]
  expect(documented.toSorted()).toEqual(names.toSorted())
})
