import { type RunningServer, startServer } from '@ssekit/testkit'
import { expectBrowserSeesReconnect, expectBrowserSeesTicks } from '@ssekit/testkit/browser'
import { afterAll, beforeAll, test } from 'vitest'

let server: RunningServer

beforeAll(async () => {
  server = await startServer({ command: process.execPath, args: ['src/main.ts'] })
})
afterAll(() => server?.stop())

test('Chromium shows 3 ticks live on /, and /stats returns to 0 once the page closes', () =>
  expectBrowserSeesTicks(server.url))

test('Chromium shows the connection drop while the server is down, then ticks again', () =>
  expectBrowserSeesReconnect((port) =>
    startServer({ command: process.execPath, args: ['src/main.ts'], port }),
  ))
