import type { Part } from '../part.ts'

export const cleanupPart: Part = { name: 'cleanup', async run() {} }
