// A separator row: one `---`, `:---`, `---:` or `:---:` cell per column.
const SEPARATOR = /^\|(\s*:?-{3,}:?\s*\|)+$/

/**
 * Throws unless every table in a Markdown document has a header row, a separator row and body
 * rows with the same number of cells. GitHub drops the cells a row has beyond its header, so a
 * mismatch renders without an error, as a table whose last columns are lost or shifted: the
 * generator checks the whole report, hand-written parts included, before writing it.
 */
export function assertTables(markdown: string): void {
  const lines = markdown.split('\n').map((line) => line.trim())
  let fenced = false
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at] ?? ''
    if (line.startsWith('```')) fenced = !fenced
    if (fenced || !line.startsWith('|')) continue
    const header = cellCount(line)
    if (!SEPARATOR.test(lines[at + 1] ?? '')) {
      throw new SyntaxError(`Cannot check the tables: line ${at + 1} has no separator row below it`)
    }
    let row = at + 1
    for (; row < lines.length && lines[row]?.startsWith('|'); row++) {
      const count = cellCount(lines[row] ?? '')
      if (count !== header) {
        throw new RangeError(
          `Cannot check the tables: line ${row + 1} has ${count} cells, its header ` +
            `(line ${at + 1}) has ${header}`,
        )
      }
    }
    at = row - 1
  }
}

// GitHub splits cells on every pipe not escaped with a backslash, inside code spans too.
function cellCount(line: string): number {
  return line
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/).length
}
