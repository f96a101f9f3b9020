import { expect, test } from 'vitest'

test('tests run inside workerd', () => {
  expect(navigator.userAgent).toBe('Cloudflare-Workers')
})
