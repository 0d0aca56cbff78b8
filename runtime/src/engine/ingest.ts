import { yieldToLoop } from './breathe'
import { createHash } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { EventSource } from '../db/event-row-id'
import type { EngineStore, EventRow } from '../db/engine-store'
import type { CaseInput } from '@dunwell/contract'
import type { EventInput } from '@dunwell/contract'
import { eventAmounts, eventDataIssues } from '@dunwell/contract'
import { toMinorUnits } from '../wire/money'

export interface UpsertResult {
  created: number
  updated: number
  /** Existing cases whose balance, amount or attributes changed, with a digest of what they are now. */
  changed: { caseId: string; state: string }[]
  errors: { id: string; message: string }[]
}

export interface IngestResult {
  accepted: number
  duplicates: number
  /** `path` is the field at fault: `caseId` (no such case) or one in `data`. */
  errors: { index: number; id?: string; path: string; message: string }[]
}

const CHUNK = 500

/** Creates or updates cases. A new case's balance is its amount due unless given; an update keeps the balance unless given. */
export async function upsertCases(db: Kysely<Database>, cases: CaseInput[], now: number): Promise<UpsertResult> {
  const result: UpsertResult = { created: 0, updated: 0, changed: [], errors: [] }
  for (let i = 0; i < cases.length; i += CHUNK) {
    if (i > 0) await yieldToLoop()
    const part = cases.slice(i, i + CHUNK)
    await db.transaction().execute(async (trx) => {
      const inserts = new Map<string, Insertable<Database['cases']>>()
      const existing = new Map(
        (
          await trx
            .selectFrom('cases')
            .select(['id', 'balance', 'amount_due', 'attributes', 'erased_at'])
            .where(
              'id',
              'in',
              part.map((c) => c.id),
            )
            .execute()
        ).map((row) => [row.id, row.erased_at === null ? `${Number(row.balance)}|${Number(row.amount_due)}|${row.attributes}` : null]),
      )
      for (const input of part) {
        // An erased case stays erased: its id may not bring personal data back.
        if (existing.get(input.id) === null) {
          result.errors.push({ id: input.id, message: 'id names an erased case (GDPR): its data is gone for good; use a new id' })
          continue
        }
        const amountDue = toMinorUnits(input.amountDue, input.currency)
        const balance = input.balance === undefined ? undefined : toMinorUnits(input.balance, input.currency)
        if (typeof amountDue === 'string' || typeof balance === 'string') {
          result.errors.push({ id: input.id, message: typeof amountDue === 'string' ? `amountDue ${amountDue}` : `balance ${balance}` })
          continue
        }
        const { attributes, ...rest } = input
        const row = {
          debtor: JSON.stringify(rest.debtor),
          currency: input.currency,
          amount_due: amountDue,
          due_date: input.dueDate,
          attributes: JSON.stringify(attributes ?? {}),
          updated_at: now,
        }
        const before = existing.get(input.id)
        const pending = inserts.get(input.id)
        if (pending) {
          // The same new case twice in one call: the later one wins, as it would have one after the other.
          inserts.set(input.id, { ...pending, ...row, balance: balance ?? amountDue })
          result.updated++
        } else if (before !== undefined && before !== null) {
          await trx
            .updateTable('cases')
            .set({ ...row, ...(balance !== undefined ? { balance } : {}) })
            .where('id', '=', input.id)
            .execute()
          const [oldBalance] = before.split('|')
          const after = `${balance ?? oldBalance}|${amountDue}|${row.attributes}`
          if (before !== after) {
            result.changed.push({ caseId: input.id, state: createHash('sha256').update(after).digest('hex').slice(0, 16) })
            existing.set(input.id, after)
          }
          result.updated++
        } else {
          inserts.set(input.id, { id: input.id, ...row, balance: balance ?? amountDue, created_at: now })
          existing.set(input.id, `${balance ?? amountDue}|${amountDue}|${row.attributes}`)
          result.created++
        }
      }
      // New cases in one statement: a chunk's inserts are one prepared statement, not one each.
      if (inserts.size > 0)
        await trx
          .insertInto('cases')
          .values([...inserts.values()])
          .execute()
    })
  }
  return result
}

/**
 * The id of an event without one: the same content at the same time gives the same id, so a resent event is still
 * one event. An event with neither id nor time is dated on arrival: two identical payments an hour apart stay two.
 * Senders who want exactly-once across retries send an id.
 */
export function eventId(event: EventInput, receivedAt: number): string {
  const at = event.at ? Date.parse(event.at) : receivedAt
  return (
    event.id ??
    `sha256:${createHash('sha256')
      .update(JSON.stringify([event.type, event.caseId, at, event.data ?? {}]))
      .digest('hex')
      .slice(0, 32)}`
  )
}

export type EventOutcome = 'accepted' | 'duplicate' | { path: string; error: string }

/** Why the engine would refuse this event's data for this case, if it would: the same checks it applies later. */
function dataProblem(event: EventInput, currency: string): { path: string; error: string } | undefined {
  const [issue] = eventDataIssues(event.type, event.data)
  if (issue) return { path: issue.path, error: `${issue.path}: ${issue.message}` }
  for (const { path, amount } of eventAmounts(event.type, event.data)) {
    const minor = toMinorUnits(amount, currency)
    if (typeof minor === 'string') return { path, error: `${path}: ${minor}` }
  }
  return undefined
}

/** Events checked and stored per transaction: a part takes a few milliseconds, so requests are answered between parts. */
const INSERT_PART = 250

/**
 * Stores events for the engine to apply in time order. Idempotent per case and source: a key seen before for the same
 * case from the same source changes nothing; `sources[i]` is the source of `events[i]` (default `client`).
 *
 * Worked through in parts, with a turn of the event loop between: a 200,000-event bulk does not stop the server. Each
 * event is idempotent by its key, so a crash between parts is repaired by sending the bulk again.
 */
export async function ingestEvents(store: EngineStore, events: EventInput[], now: number, sources: EventSource[] = []): Promise<EventOutcome[]> {
  const outcomes: EventOutcome[] = new Array(events.length)
  const currencies = new Map<string, string | undefined>()
  const seen = new Set<string>()
  for (let from = 0; from < events.length; from += INSERT_PART) {
    if (from > 0) await yieldToLoop()
    const to = Math.min(events.length, from + INSERT_PART)
    const unknown = new Set<string>()
    for (let index = from; index < to; index++) if (!currencies.has(events[index]!.caseId)) unknown.add(events[index]!.caseId)
    if (unknown.size > 0) {
      const found = await store.caseCurrencies([...unknown])
      for (const id of unknown) currencies.set(id, found.get(id))
    }
    const rows: { index: number; row: EventRow }[] = []
    for (let index = from; index < to; index++) {
      const event = events[index]!
      const key = eventId(event, now)
      const source = sources[index] ?? 'client'
      const currency = currencies.get(event.caseId)
      const refused = currency === undefined ? { path: 'caseId', error: `caseId: no case "${event.caseId}"` } : dataProblem(event, currency)
      const scoped = JSON.stringify([source, event.caseId, key])
      if (refused) outcomes[index] = refused
      else if (seen.has(scoped)) outcomes[index] = 'duplicate'
      else {
        seen.add(scoped)
        rows.push({
          index,
          row: {
            source,
            key,
            caseId: event.caseId,
            type: event.type,
            at: event.at ? Date.parse(event.at) : now,
            data: JSON.stringify(event.data ?? {}),
            receivedAt: now,
          },
        })
      }
    }
    if (rows.length === 0) continue
    const inserted = await store.insertEvents(rows.map((r) => r.row))
    rows.forEach((r, i) => (outcomes[r.index] = inserted[i] ? 'accepted' : 'duplicate'))
  }
  return outcomes
}

/** Counts outcomes as the API reports them; `ids` are the events' idempotency keys. */
export function summarise(outcomes: EventOutcome[], ids: string[]): IngestResult {
  const result: IngestResult = { accepted: 0, duplicates: 0, errors: [] }
  outcomes.forEach((outcome, index) => {
    if (outcome === 'accepted') result.accepted++
    else if (outcome === 'duplicate') result.duplicates++
    else result.errors.push({ index, id: ids[index]!, path: outcome.path, message: outcome.error })
  })
  return result
}
