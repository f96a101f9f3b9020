/**
 * How many events the contract suite's objects keep: `ContractChannel`'s history and the
 * `history` the suite is told. Not in main.ts, which may export only handlers and classes.
 */
export const CONTRACT_HISTORY = 20
