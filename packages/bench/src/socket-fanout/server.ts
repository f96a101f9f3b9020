/**
 * A server of the fan-out part, on whichever runtime runs it; `SERVER_KIND` picks the contender
 * (ssekit, hono or hand). The HTTP server listens at `PORT` and serves `GET /events`; the load
 * client drives the broadcasts through the control port at `CONTROL_PORT` (see control.ts).
 */
import { currentRuntime } from '../runtime.ts'
import { exitOnSigterm, serveFetch, serveNode, serverPort } from '../socket/serve.ts'
import { serveControl } from './control.ts'
import type { FanoutContender } from './event.ts'
import { nodeHandBroadcaster } from './node-hand.ts'
import { honoBroadcaster, ssekitBroadcaster, webHandBroadcaster } from './web-contenders.ts'

const kind = process.env.SERVER_KIND as FanoutContender
const port = serverPort()
const controlPort = Number(process.env.CONTROL_PORT)
exitOnSigterm()
if (kind === 'hand' && currentRuntime() === 'node') {
  const hand = nodeHandBroadcaster()
  serveNode(hand.listener, port)
  serveControl(hand, controlPort)
} else {
  const makers = {
    ssekit: () => ssekitBroadcaster(),
    'ssekit-direct': () => ssekitBroadcaster(true),
    hono: honoBroadcaster,
    hand: webHandBroadcaster,
    'hand-web': webHandBroadcaster,
  }
  const make = makers[kind]
  if (!make) throw new TypeError(`Cannot start: unknown SERVER_KIND ${JSON.stringify(kind)}`)
  const broadcaster = make()
  serveFetch(broadcaster.fetch, port)
  serveControl(broadcaster, controlPort)
}
