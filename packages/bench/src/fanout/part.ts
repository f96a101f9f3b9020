import type { Part } from '../part.ts'

export const fanoutPart: Part = { name: 'fanout', async run() {} }
