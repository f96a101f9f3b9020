import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { expect, test } from 'vitest'

// Core's main entry is the stream half only; everything else has an entry of its own.
test('the main entry declares at most 20 names, values and types together', () => {
  const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url))
  const program = ts.createProgram([entry], { noEmit: true, allowImportingTsExtensions: true })
  const checker = program.getTypeChecker()
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry) as ts.SourceFile)
  const names = checker.getExportsOfModule(module as ts.Symbol).map((symbol) => symbol.name)
  expect(names).toContain('sseResponse')
  expect(names.length).toBeLessThanOrEqual(20)
})
