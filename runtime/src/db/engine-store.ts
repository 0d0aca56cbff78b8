import type { OutgoingMessage } from '../channels/channel-adapter'
import type { ArrangementRecord, CaseRecord, EnrolmentRecord, EventRecord, OfferRecord, TimerRecord, WriteBatch } from '../engine/records'
import type { EventSource } from './event-row-id'

/** What the engine needs from storage. Claims use leases so that several workers could share a database. */
export interface EngineStore {
  claimDue(now: number, limit: number, owner: string, leaseUntil: number): Promise<{ events: EventRecord[]; timers: TimerRecord[] }>
  nextDueAt(): Promise<number | null>
  /** What is due by `now` and not yet done: events, timers, messages to send; and since when the oldest waits. */
  backlog(now: number): Promise<Backlog>
  loadCases(ids: string[]): Promise<Map<string, CaseRecord>>
  loadEnrolments(caseIds: string[]): Promise<EnrolmentRecord[]>
  loadOptouts(caseIds: string[]): Promise<{ caseId: string; channel: string }[]>
  loadHolds(caseIds: string[]): Promise<{ caseId: string; kind: string }[]>
  loadSplitAssignments(caseIds: string[]): Promise<{ caseId: string; journeyId: string; nodeId: string; variant: string }[]>
  /** The promises and plans of these cases, oldest first. */
  loadArrangements(caseIds: string[]): Promise<ArrangementRecord[]>
  /** What the journey steps of these cases offered, oldest first. */
  loadOffers(caseIds: string[]): Promise<OfferRecord[]>
  /** Contacts on these channels since then, by any journey (what a frequency cap counts). */
  loadRecentSends(caseIds: string[], channels: string[], since: number): Promise<{ caseId: string; channel: string; at: number; journeyId: string }[]>
  /** Events of these types applied since then (what starts a quiet period). */
  loadRecentEvents(caseIds: string[], types: string[], since: number): Promise<{ caseId: string; type: string; at: number }[]>
  /** Writes a whole batch in one transaction: it happened entirely or not at all. */
  commit(batch: WriteBatch, owner: string): Promise<void>
  /** The currency of each of these cases that exists and is not erased. */
  caseCurrencies(ids: string[]): Promise<Map<string, string>>
  /** Stores events in one transaction; for each, whether it was new (false: its id was seen before). */
  insertEvents(rows: EventRow[]): Promise<boolean[]>
  /** Pending outbox entries, leased to `owner`. */
  claimOutbox(limit: number, owner: string, leaseUntil: number): Promise<OutboxClaim[]>
  /** Marks an entry as handed to its provider now, before it leaves (committed at once). */
  markSending(id: string, at: number): Promise<void>
  /** Records what delivery did: sent (with the plain text made on the way), retried later, or failed for good. */
  finishDeliveries(results: DeliveryOutcome[]): Promise<void>
  /**
   * Makes what was deleted unreadable in the files too (after an erasure): SQLite overwrites freed content with
   * zeros (`secure_delete`, set on open), and the write-ahead log, which still holds the pages as they were, is
   * checkpointed and truncated. False when a reader kept part of the log (it is then truncated at the next erasure).
   */
  purgeFreedPages(): Promise<boolean>
}

export interface Backlog {
  events: number
  timers: number
  outbox: number
  oldestDueAt: number | null
}

export interface EventRow {
  /** Who chose the key; keys are unique per case and source. */
  source: EventSource
  /** The idempotency key. */
  key: string
  caseId: string
  type: string
  at: number
  data: string
  receivedAt: number
}

export interface OutboxClaim extends OutgoingMessage {
  attempts: number
  /** An earlier hand-over was interrupted (a crash between sending and recording): its outcome is unknown. */
  interrupted: boolean
}

export type DeliveryOutcome =
  | { id: string; status: 'sent' | 'recorded'; sentAt: number; text: string | null }
  | { id: string; status: 'pending' | 'failed'; at: number; attempts: number; reason: string; retryAt: number | null }
