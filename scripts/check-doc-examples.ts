/**
 * Checks that every symbol a package exports (from each entry in its package.json `exports`) has a
 * doc comment with an `@example`, and that every example type-checks against the real source.
 * Examples are written as a route body: imports first, then code that may
 * `return new Response(...)`, with `request` in scope. Every ```ts block of the package's README is
 * type-checked too, as a module of its own.
 * Usage, from a package folder: node ../../scripts/check-doc-examples.ts
 * With `--readme <file>` it checks only that README's ```ts blocks, resolved from this package:
 * how the root README, whose examples span packages, is checked from one that depends on them all.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

interface PackageJson {
  name: string
  exports: Record<string, { default: string }>
}

const root = process.cwd()
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson
const outDir = join(root, '.doc-examples')
const readmeFlag = process.argv.indexOf('--readme')
const readmeOnly = readmeFlag >= 0 ? process.argv[readmeFlag + 1] : undefined
// '@ssekit/core/backend' → <package>/src/backend.ts, from './backend': { default: './dist/backend.js' }
const entries = Object.entries(readmeOnly === undefined ? pkg.exports : {}).map(
  ([subpath, target]) => ({
    specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
    file: join(root, target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')),
  }),
)

// A package built for one runtime's globals (workerd's) names them in its tsconfig.build.json:
// its examples are checked against the same `lib` and `types`.
const build = ts.readConfigFile(join(root, 'tsconfig.build.json'), ts.sys.readFile).config as
  | { compilerOptions?: { lib?: string[]; types?: string[] } }
  | undefined
const buildLib = build?.compilerOptions?.lib?.map((name) => `lib.${name.toLowerCase()}.d.ts`)
const compilerOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  // A package whose entries bring both Node's and workerd's globals (an ioredis entry beside a
  // Durable Object one) would fail on the two libraries' clashes, which no example causes.
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  exactOptionalPropertyTypes: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2023,
  lib: buildLib ?? ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: build?.compilerOptions?.types ?? [],
}
const program = ts.createProgram(
  entries.map((entry) => entry.file),
  compilerOptions,
)
const checker = program.getTypeChecker()
const problems: string[] = []
const examples: { name: string; code: string }[] = []
for (const entry of entries) {
  const source = program.getSourceFile(entry.file)
  if (!source) throw new Error(`Cannot read ${entry.file}`)
  const moduleSymbol = checker.getSymbolAtLocation(source)
  for (const exported of checker.getExportsOfModule(moduleSymbol as ts.Symbol)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const name = `${entry.specifier} ${exported.name}`
    const tags = symbol.getJsDocTags(checker).filter((tag) => tag.name === 'example')
    if (symbol.getDocumentationComment(checker).length === 0)
      problems.push(`${name}: no doc comment`)
    if (tags.length === 0) problems.push(`${name}: no @example`)
    for (const [index, tag] of tags.entries()) {
      const code = /```ts\n([\s\S]*?)```/.exec(ts.displayPartsToString(tag.text))?.[1]
      if (!code) problems.push(`${name}: @example ${index + 1} has no \`\`\`ts block`)
      // Numbered first: `durableChannel` and `DurableChannel` must not share a file on any disk.
      else examples.push({ name: `${examples.length + 1}-${exported.name}-${index + 1}`, code })
    }
  }
}

// Each example becomes a module: its imports at the top (this package's own specifiers pointing
// at its source), its body inside a request handler.
rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
const ownImport = (line: string) => {
  const specifier = /from '([^']+)'/.exec(line)?.[1]
  const entry = entries.find((candidate) => candidate.specifier === specifier)
  return entry ? line.replace(`'${specifier}'`, `'${relative(outDir, entry.file)}'`) : line
}
const files = examples.map(({ name, code }) => {
  const lines = code.split('\n')
  const imports = lines.filter((line) => line.startsWith('import '))
  const body = lines.filter((line) => !line.startsWith('import '))
  const file = join(outDir, `${name}.ts`)
  writeFileSync(
    file,
    [
      ...imports.map(ownImport),
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

const readme = readmeOnly === undefined ? join(root, 'README.md') : join(root, readmeOnly)
const readmeBlocks = existsSync(readme)
  ? [...readFileSync(readme, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
      (match) => match[1] ?? '',
    )
  : []
for (const [index, code] of readmeBlocks.entries()) {
  const file = join(outDir, `README-${index + 1}.ts`)
  const lines = code
    .split('\n')
    .map((line) => (line.startsWith('import ') ? ownImport(line) : line))
  writeFileSync(file, `${lines.join('\n')}\nexport {}\n`)
  files.push(file)
}

const check = ts.createProgram(files, { ...compilerOptions, noUnusedLocals: false })
for (const diagnostic of ts.getPreEmitDiagnostics(check)) {
  const where = diagnostic.file ? relative(root, diagnostic.file.fileName) : ''
  problems.push(`${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
}
if (problems.length > 0) {
  console.error(`Doc examples: ${problems.length} problem(s)\n${problems.join('\n')}`)
  process.exit(1)
}
rmSync(outDir, { recursive: true, force: true })
console.log(
  `Doc examples: ${examples.length} examples and ${readmeBlocks.length} README blocks type-check; every export is documented.`,
)
