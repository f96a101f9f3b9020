import { expectBrowserSeesReconnect } from '@ssekit/testkit/browser'
import { test } from 'vitest'
import { startWranglerDev } from './wrangler-dev.ts'

test(
  'Chromium shows the connection drop while wrangler dev is down, then ticks again',
  () => expectBrowserSeesReconnect(startWranglerDev),
  90_000,
)
