/**
 * A drop-in for `resumable-stream/ioredis` 2.2: the same `createResumableStreamContext()` and
 * the same API, on resumable streams over Redis Streams. Change the import; the code stays.
 *
 * @module
 */

export type { ResumableStreamContext } from '../drop-in/types.ts'
export {
  type CreateResumableStreamContextOptions,
  createResumableStreamContext,
} from './create-context.ts'
