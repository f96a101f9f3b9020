/** Minimal SVG charts for BENCHMARKS.md: no dependency, readable source, stable output. */

const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#4b5563',
  '#ca8a04',
]
const FONT = 'font-family="system-ui, sans-serif" font-size="12"'

/** One bar; bars with the same `series` share a colour across groups. */
export interface Bar {
  label: string
  value: number
  series: string
}

/** Horizontal bars in labelled groups (e.g. one group per runtime, one bar per library). */
export function barChart(options: {
  title: string
  unit: string
  groups: { label: string; bars: Bar[] }[]
  format?: (value: number) => string
}): string {
  const format = options.format ?? compact
  const colors = colorMap(options.groups.flatMap((group) => group.bars.map((bar) => bar.series)))
  const max = niceCeil(Math.max(1e-9, ...options.groups.flatMap((g) => g.bars.map((b) => b.value))))
  const width = 760
  const labelWidth = 200
  const barArea = 440
  const row = 20
  const parts: string[] = []
  let y = 44
  for (const group of options.groups) {
    parts.push(`<text x="8" y="${y + 12}" font-weight="bold">${escapeXml(group.label)}</text>`)
    y += row
    for (const bar of group.bars) {
      const length = Math.max(1, (bar.value / max) * barArea)
      parts.push(
        `<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${escapeXml(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 2}" width="${length.toFixed(1)}" height="${row - 6}" fill="${colors.get(bar.series)}"/>`,
        `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 13}">${escapeXml(format(bar.value))}</text>`,
      )
      y += row
    }
    y += 8
  }
  const height = y + 8
  const title = `${options.title} (${options.unit})`
  return svg(width, height, [
    `<text x="8" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...parts,
  ])
}

/** Lines through (x, y) points, e.g. server memory against open connections. */
export function lineChart(options: {
  title: string
  xLabel: string
  yLabel: string
  /** Series with the same `group` share a colour (e.g. a runtime), told apart by `dashed`. */
  series: { label: string; group?: string; points: [number, number][]; dashed?: boolean }[]
}): string {
  const width = 760
  const height = 380
  const left = 64
  const right = 220
  const top = 40
  const bottom = 48
  const plotWidth = width - left - right
  const plotHeight = height - top - bottom
  const all = options.series.flatMap((series) => series.points)
  const maxX = niceCeil(Math.max(1, ...all.map(([x]) => x)))
  const maxY = niceCeil(Math.max(1e-9, ...all.map(([, y]) => y)))
  const px = (x: number) => left + (x / maxX) * plotWidth
  const py = (y: number) => top + plotHeight - (y / maxY) * plotHeight
  const colors = colorMap(options.series.map((series) => series.group ?? series.label))
  const parts: string[] = [
    `<text x="8" y="24" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" stroke="#999"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}" stroke="#999"/>`,
  ]
  for (let i = 0; i <= 5; i++) {
    const x = (maxX * i) / 5
    const y = (maxY * i) / 5
    parts.push(
      `<text x="${px(x).toFixed(1)}" y="${top + plotHeight + 16}" text-anchor="middle">${compact(x)}</text>`,
      `<text x="${left - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${compact(y)}</text>`,
      `<line x1="${left}" y1="${py(y).toFixed(1)}" x2="${left + plotWidth}" y2="${py(y).toFixed(1)}" stroke="#eee"/>`,
    )
  }
  parts.push(
    `<text x="${left + plotWidth / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text x="14" y="${top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 14 ${top + plotHeight / 2})">${escapeXml(options.yLabel)}</text>`,
  )
  options.series.forEach((series, index) => {
    const color = colors.get(series.group ?? series.label)
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : ''
    const points = series.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`)
    parts.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`,
      ...series.points.map(
        ([x, y]) =>
          `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${color}"/>`,
      ),
    )
    const legendY = top + 8 + index * 18
    const legendX = left + plotWidth + 16
    parts.push(
      `<line x1="${legendX}" y1="${legendY}" x2="${legendX + 22}" y2="${legendY}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${legendX + 28}" y="${legendY + 4}">${escapeXml(series.label)}</text>`,
    )
  })
  return svg(width, height, parts)
}

function svg(width: number, height: number, parts: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}

function colorMap(keys: string[]): Map<string, string> {
  const colors = new Map<string, string>()
  for (const key of keys) {
    if (!colors.has(key)) colors.set(key, PALETTE[colors.size % PALETTE.length] ?? '#000')
  }
  return colors
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`: a round axis maximum. */
export function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

/** 1234567 → "1.23M", 2500 → "2.5k", 0.25 → "0.25". */
export function compact(value: number): string {
  const abs = Math.abs(value)
  if (abs >= 1e6) return `${trim(value / 1e6)}M`
  if (abs >= 1e3) return `${trim(value / 1e3)}k`
  return trim(value)
}

function trim(value: number): string {
  return Number(value.toPrecision(3)).toString()
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
