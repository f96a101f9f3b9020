/** The few Markdown pieces every part's report is made of. */

/**
 * A GitHub-flavoured Markdown table under `header` (`'Runtime | p50 | p99'`), numeric columns
 * right-aligned. Throws when a row has more or fewer cells than the header: GitHub would render
 * it with its columns shifted.
 */
export function table(header: string, rows: readonly string[][]): string {
  const headers = header.split(' | ')
  const cells = rows.map((row, index) => {
    if (row.length !== headers.length) {
      throw new RangeError(
        `Cannot render a table: row ${index + 1} has ${row.length} cells, the header has ` +
          `${headers.length} (${header})`,
      )
    }
    // GitHub splits cells on every pipe, inside code spans too.
    return row.map((cell) => cell.replace(/\|/g, '/'))
  })
  const align = headers.map((_, column) =>
    cells.every((row) => /^[\d.,×%µ\s-]+/.test(row[column] ?? '')) ? '---:' : '---',
  )
  const line = (row: readonly string[]) => `| ${row.join(' | ')} |`
  return [line(headers), line(align), ...cells.map(line)].join('\n')
}

/** A number with `digits` significant digits and thousands separators; `n/a` if not finite. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a'
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 })
}

/** A ratio such as `4.20×`. */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a'
}

/** A contender's name, in bold when it is one of ssekit's: the rows to look at. */
export function ours(name: string): string {
  return name.startsWith('ssekit') ? `**${name}**` : name
}

/** `runtime version`, as every table names a runtime. */
export function runtimeLabel(run: { runtime: string; version: string }): string {
  return `${run.runtime} ${run.version}`
}
