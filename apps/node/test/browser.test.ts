import { generationText } from '@ssekit/app'
import { type RunningServer, startServer } from '@ssekit/testkit'
import {
  expectBrowserSeesReconnect,
  expectBrowserSeesTicks,
  expectGenerationSurvivesReload,
} from '@ssekit/testkit/browser'
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

test('Chromium: a generation reloaded mid-answer goes on where it was, nothing doubled; Stop stops it', () =>
  expectGenerationSurvivesReload(server.url, {
    chunks: 30,
    intervalMs: 100,
    expectedText: generationText(30),
  }))
