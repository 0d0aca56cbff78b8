import { createHash } from 'node:crypto'

/**
 * Who chose an event's idempotency key: a `client` of the API (or a file of events), or the `runtime` itself (opt-out
 * links, provider callbacks, task outcomes, operator commands). Keys are unique per case and source, so no client can
 * write a key that pre-empts the runtime's own, nor one case's key another's.
 */
export type EventSource = 'client' | 'runtime'

/**
 * The stored row id of an event: a digest of its source, case and key. It names no value of the key (a client's key may
 * hold personal data) and is the same for the same event on every run, which keeps the engine's order deterministic.
 * Stored ids depend on it (migration 0005 computed them): never change it.
 */
export function eventRowId(source: EventSource, caseId: string, key: string): string {
  return `ev_${createHash('sha256')
    .update(JSON.stringify([source, caseId, key]))
    .digest('hex')
    .slice(0, 40)}`
}
