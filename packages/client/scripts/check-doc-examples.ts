/**
 * Checks that every symbol exported from each entry point (src/index.ts, src/relay/index.ts) has a
 * doc comment with an `@example`, and that every example type-checks against the real source.
 * Examples are written as a route body: imports first, then code that may `return new Response(...)`.
 * The same check as packages/core/scripts/check-doc-examples.ts, over two entry points.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// Each entry point and the specifier its examples import it by.
const ENTRIES = [
  { specifier: '@ssekit/client/relay', file: join(root, 'src/relay/index.ts') },
  { specifier: '@ssekit/client', file: join(root, 'src/index.ts') },
]
const outDir = join(root, '.doc-examples')

const program = ts.createProgram(
  ENTRIES.map((entry) => entry.file),
  {
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2023,
  },
)
const checker = program.getTypeChecker()

const problems: string[] = []
const examples: { name: string; code: string }[] = []
for (const entry of ENTRIES) {
  const source = program.getSourceFile(entry.file)
  if (!source) throw new Error(`Cannot read ${entry.file}`)
  const moduleSymbol = checker.getSymbolAtLocation(source)
  for (const exported of checker.getExportsOfModule(moduleSymbol as ts.Symbol)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const tags = symbol.getJsDocTags(checker).filter((tag) => tag.name === 'example')
    if (symbol.getDocumentationComment(checker).length === 0)
      problems.push(`${exported.name}: no doc comment`)
    if (tags.length === 0) problems.push(`${exported.name}: no @example`)
    for (const [index, tag] of tags.entries()) {
      const text = ts.displayPartsToString(tag.text)
      const code = /```ts\n([\s\S]*?)```/.exec(text)?.[1]
      if (!code) problems.push(`${exported.name}: @example ${index + 1} has no \`\`\`ts block`)
      else examples.push({ name: `${exported.name}-${index + 1}`, code })
    }
  }
}

// Each example becomes a module: its imports at the top, its body inside a request handler.
rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
const files = examples.map(({ name, code }) => {
  const lines = code.split('\n')
  const imports = lines.filter((line) => line.startsWith('import '))
  const body = lines.filter((line) => !line.startsWith('import '))
  const file = join(outDir, `${name}.ts`)
  const toSource = (line: string) =>
    ENTRIES.reduce(
      (text, entry) => text.replace(`'${entry.specifier}'`, `'${relative(outDir, entry.file)}'`),
      line,
    )
  writeFileSync(
    file,
    [
      ...imports.map(toSource),
      'export async function example(request: Request): Promise<Response | undefined> {',
      '  void request',
      ...body.map((line) => `  ${line}`),
      '  return undefined',
      '}',
      '',
    ].join('\n'),
  )
  return file
})

const check = ts.createProgram(files, {
  strict: true,
  noEmit: true,
  noUnusedLocals: false,
  allowImportingTsExtensions: true,
  exactOptionalPropertyTypes: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
})
for (const diagnostic of ts.getPreEmitDiagnostics(check)) {
  const where = diagnostic.file ? relative(root, diagnostic.file.fileName) : ''
  problems.push(`${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
}
if (problems.length > 0) {
  console.error(`Doc examples: ${problems.length} problem(s)\n${problems.join('\n')}`)
  process.exit(1)
}
rmSync(outDir, { recursive: true, force: true })
console.log(`Doc examples: ${examples.length} examples type-check; every export is documented.`)
