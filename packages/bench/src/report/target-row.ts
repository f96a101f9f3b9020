import { MISS_REASONS } from './miss-reasons.ts'

/** One row of the targets table: what, how much, met or not, and why not. */
export function targetRow(id: string, target: string, measured: string, ok: boolean): string[] {
  return [target, measured, ok ? '✅ met' : '❌ missed', ok ? '' : reason(id)]
}

// The most specific reason: `fanout-rate:node:ssekit:5000`, else `fanout-rate:node:ssekit`, …
function reason(id: string): string {
  const parts = id.split(':')
  for (let length = parts.length; length > 0; length--) {
    const found = MISS_REASONS[parts.slice(0, length).join(':')]
    if (found !== undefined) return found.replace(/\|/g, '/')
  }
  return ''
}
