import type { Part } from '../part.ts'

export const scalePart: Part = { name: 'scale', async run() {} }
