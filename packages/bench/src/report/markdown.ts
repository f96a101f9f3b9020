/**
 * A GitHub-flavoured Markdown table; numbers right-aligned. Throws when a row has more or fewer
 * cells than the header: GitHub would render such a table with its columns shifted.
 */
export function table(headers: string[], rows: (string | number)[][]): string {
  rows.forEach((row, index) => {
    if (row.length !== headers.length) {
      throw new RangeError(
        `Cannot render a table: row ${index + 1} has ${row.length} cells, the header ` +
          `has ${headers.length} (${headers.join(', ')})`,
      )
    }
  })
  const align = headers.map((_, column) =>
    rows.every(
      (row) => typeof row[column] === 'number' || /^[\d.,×x%µ\s-]+/.test(String(row[column])),
    )
      ? '---:'
      : '---',
  )
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  return [line(headers), line(align), ...rows.map(line)].join('\n')
}

/** A number with a fixed count of significant digits and thousands separators. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a'
  const rounded = Number(value.toPrecision(digits))
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 6 })
}

/** A ratio such as `4.2×`. */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a'
}

/** A contender, path or server name, in bold when it is one of ssekit's: the rows to look at. */
export function ours(name: string): string {
  return name.startsWith('ssekit') ? `**${name}**` : name
}

/** A part's section, plus the charts it refers to. */
export interface Section {
  markdown: string
  charts: { file: string; svg: string }[]
}
