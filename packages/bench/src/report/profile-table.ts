import type { ProfileSummary } from '../profile/cpu-profile.ts'
import { fmt, table } from './markdown.ts'

/**
 * Profiles side by side: one row per category of code, one column per profiled contender, each
 * cell its share of that server's busy time; the first row says how much busy time each server
 * spent per unit of work (an event, a delivered message).
 */
export function profileTable(
  profiles: { name: string; summary: ProfileSummary; units: number }[],
  unit: string,
): string {
  const categories = new Map<string, number>()
  for (const { summary } of profiles) {
    for (const category of summary.categories) {
      categories.set(category.name, (categories.get(category.name) ?? 0) + category.share)
    }
  }
  const order = [...categories].sort((a, b) => b[1] - a[1]).map(([name]) => name)
  const rows = [
    [
      `busy µs per ${unit}`,
      ...profiles.map(({ summary, units }) => fmt((summary.busyMs * 1000) / units)),
    ],
    ...order.map((name) => [
      name,
      ...profiles.map(({ summary }) => {
        const share = summary.categories.find((category) => category.name === name)?.share ?? 0
        return share >= 0.0005 ? `${(share * 100).toFixed(1)} %` : '–'
      }),
    ]),
  ]
  return table(['Where the time goes', ...profiles.map(({ name }) => name)], rows)
}
