/**
 * The conformance, live feed and hostile-input suites every runtime app passes, written once for
 * any test runner, and the helpers they run on: start a server on a free port, read an event
 * stream, send raw bytes, poll `/stats`. The real-browser checks live in `@ssekit/testkit/browser`, so runtimes without
 * Playwright never load them.
 *
 * @module
 */
export { addClientTests, type ClientEvents, type ClientTestOptions } from './client-suite.ts'
export { addConformanceTests } from './conformance.ts'
export { addDrainTests, DRAIN_TEST_WINDOW_MS, type DrainTestOptions } from './drain-suite.ts'
export {
  type EventStreamClient,
  EventStreamReader,
  type OpenEventStreamOptions,
  openEventStream,
  type ParsedEventStream,
  parseEventStream,
  type ReadEventStreamOptions,
  readEventStream,
  readEvents,
} from './event-stream-entry.ts'
export { addFeedTests, type FeedTestOptions } from './feed.ts'
export { freePort } from './free-port.ts'
export { addHostileTests, type HostileTestOptions } from './hostile.ts'
export { addMetricsTests, type MetricsTestOptions } from './metrics-suite.ts'
export {
  type MetricFamily,
  metricValue,
  parsePrometheus,
  scrapeMetrics,
} from './prometheus.ts'
export { findInternals, type RawAnswer, rawRequest } from './raw-http.ts'
export { type RedisServer, startRedis } from './redis-server.ts'
export { serverSocketState } from './server-socket.ts'
export { addSlowConsumerTests, type SlowConsumerTestOptions } from './slow-consumer.ts'
export { type RunningServer, type StartServerOptions, startServer } from './start-server.ts'
export { fetchStats, type Stats, waitForStats } from './stats.ts'
export { addStreamCapTests, type StreamCapTestOptions } from './stream-cap.ts'
export type { ConformanceOptions, RegisterTest } from './suite-options.ts'
export { startTcpProxy, type TcpProxy } from './tcp-proxy.ts'
export { assertTick } from './tick-format.ts'
