import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A workspace package that npm would publish. */
export interface PublishedPackage {
  /** e.g. `@ssekit/core`. */
  name: string
  version: string
  /** Its folder, e.g. `/…/packages/core`. */
  dir: string
}

/** The repository's root folder. */
export const ROOT: string = join(import.meta.dirname, '../../..')

/**
 * Every package under `packages/` that is not private: what a release publishes. New packages join
 * every check here by being published, with nothing to list.
 */
export function publishedPackages(): PublishedPackage[] {
  const packagesDir = join(ROOT, 'packages')
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(packagesDir, entry.name)
      let manifest: { name: string; version: string; private?: boolean }
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      } catch {
        return []
      }
      return manifest.private ? [] : [{ name: manifest.name, version: manifest.version, dir }]
    })
}
