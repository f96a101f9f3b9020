import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PublishedPackage } from './published-packages.ts'

/** A package packed the way `pnpm publish` packs it. */
export interface Tarball extends PublishedPackage {
  /** The `.tgz` file. */
  file: string
}

/**
 * Packs every package with `pnpm pack` (which runs `prepack` and turns `workspace:*` into real
 * versions, as a publish does) into a fresh folder outside the workspace.
 */
export function packAll(packages: readonly PublishedPackage[]): Tarball[] {
  const destination = mkdtempSync(join(tmpdir(), 'ssekit-tarballs-'))
  return packages.map((pkg) => {
    const before = new Set(readdirSync(destination))
    execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: pkg.dir,
      stdio: 'pipe',
    })
    const file = readdirSync(destination).find((name) => !before.has(name))
    if (file === undefined) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`)
    return { ...pkg, file: join(destination, file) }
  })
}
