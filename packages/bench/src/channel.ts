/**
 * The one place the bench takes ssekit's channel from (the in-process fan-out, the socket fan-out's
 * ssekit server, the Redis part's in-process reference, the Durable Object's direct mode), so a
 * move of the channel to another package changes this file alone.
 */
export { type Channel, createChannel } from '@ssekit/channel'
