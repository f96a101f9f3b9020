/**
 * The client part inside one runtime: every contender reads the same stream from the server
 * process, round after round, in a rotated order (A B C, then B C A, ...), so drift on this shared
 * machine hits them all alike.
 */
import { emitResult, readConfig } from '../child-io.ts'
import { currentRuntime, currentRuntimeVersion } from '../runtime.ts'
import { CLIENT_CONTENDERS } from './contenders.ts'
import { idOf, streamBytes } from './stream-text.ts'
import type { ClientConfig, ClientRun } from './types.ts'

const config = readConfig<ClientConfig>()
const url = `${config.url}?n=${config.events}`
const expectedLast = idOf(config.events - 1)
const seconds = CLIENT_CONTENDERS.map(() => [] as number[])

for (let round = 0; round < config.warmup + config.rounds; round++) {
  for (let k = 0; k < CLIENT_CONTENDERS.length; k++) {
    const index = (round + k) % CLIENT_CONTENDERS.length
    const contender = CLIENT_CONTENDERS[index]
    if (!contender) continue
    const started = performance.now()
    const last = await contender.read(url, config.events)
    const elapsed = (performance.now() - started) / 1000
    if (last !== expectedLast) {
      throw new Error(`${contender.name} ended on id ${last}, not ${expectedLast}: it lost events`)
    }
    if (round >= config.warmup) seconds[index]?.push(elapsed)
  }
}

const result: ClientRun = {
  runtime: currentRuntime(),
  version: currentRuntimeVersion(),
  bytes: streamBytes(config.events),
  contenders: CLIENT_CONTENDERS.map(({ name, label }, index) => ({
    name,
    label,
    seconds: seconds[index] ?? [],
  })),
}
emitResult(result)
