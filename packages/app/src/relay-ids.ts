// The IDs the relay issues: 1, 2, 3… in decimal, none longer than this. A longer one, a sign, a
// leading zero, a fraction, an exponent or `Infinity` never came from the relay.
const ISSUED = /^(?:0|[1-9]\d{0,1023})$/

/**
 * The relay's tick IDs for one client: 1, 2, 3…, or on from the `Last-Event-ID` it resumes after.
 * They are counted as a `BigInt`, so every ID stays exact: as a `Number`, 2^53 + 1 rounds down,
 * and adding one to 2^53 or to `Infinity` gives the same ID again and again.
 *
 * @example Resume after the last ID a client saw
 * ```ts
 * const ids = new RelayIds('9007199254740993')
 * ids.next() // '9007199254740994'
 * new RelayIds('Infinity').unreadable // 'Infinity': start at 1, after a gap notice
 * ```
 */
export class RelayIds {
  /**
   * The ID the client sent when the relay cannot have issued it, so it starts again at 1 after
   * telling the client of the gap; `undefined` otherwise.
   */
  readonly unreadable: string | undefined
  #last = 0n

  /** @param requested The client's `Last-Event-ID` as sent, or `undefined` for a fresh client. */
  constructor(requested: string | undefined) {
    if (requested === undefined) return
    if (ISSUED.test(requested)) this.#last = BigInt(requested)
    else this.unreadable = requested
  }

  /** The next tick's ID. */
  next(): string {
    this.#last += 1n
    return this.#last.toString()
  }
}
