import type { TestProject } from 'vitest/node'
import { packAll, type Tarball } from '../src/pack.ts'
import { publishedPackages } from '../src/published-packages.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    tarballs: Tarball[]
  }
}

// Pack once for every test file: they all check the same tarballs.
export default function setup(project: TestProject): void {
  project.provide('tarballs', packAll(publishedPackages()))
}
