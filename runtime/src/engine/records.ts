import type { AllocatedInstalment, Allocation, OfferData } from '@dunwell/journey'
import type { Debtor, MessageStatus } from '@dunwell/contract'

/** A case as the engine holds it in memory during a batch. Money in minor units. */
export interface CaseRecord {
  id: string
  debtor: Debtor
  currency: string
  amountDue: number
  balance: number
  dueDate: string
  attributes: Record<string, unknown>
  createdAt: number
  updatedAt: number
  /** The debtor's contact preferences (from the portal or a `preferences.changed` event), if any were given. */
  preferences?: DebtorPreferences
}

/** The debtor's contact preferences; a field left open (null) is no preference. */
export interface DebtorPreferences {
  channel: string | null
  timeOfDay: string | null
  locale: string | null
}

export interface EnrolmentRecord {
  id: string
  caseId: string
  journeyId: string
  version: number
  node: string
  status: 'active' | 'paused' | 'done' | 'stopped'
  outcome: string | null
  steps: number
  enteredAt: number
  updatedAt: number
  endedAt: number | null
  /** While paused because a journey of higher priority holds the case: that journey's enrolment. */
  outrankedBy?: string | null
}

export interface EventRecord {
  /** The stored row's id (`eventRowId`). */
  id: string
  /** The idempotency key its sender chose, as the trail shows it. */
  key: string
  caseId: string
  type: string
  at: number
  data: Record<string, unknown>
}

export interface TimerRecord {
  id: string
  enrolmentId: string
  caseId: string
  nodeId: string
  kind: 'wake' | 'deliver' | 'due'
  dueAt: number
}

export interface OutboxRecord {
  id: string
  enrolmentId: string
  caseId: string
  journeyId: string
  version: number
  nodeId: string
  channel: string
  template: string | null
  locale: string | null
  status: MessageStatus
  reason: string | null
  recipient: string | null
  subject: string | null
  html: string | null
  text: string | null
  createdAt: number
  sentAt: number | null
}

export interface TaskRecord {
  id: string
  outboxId: string
  caseId: string
  enrolmentId: string
  queue: string
  priority: number
  script: string | null
  createdAt: number
}

export interface AuditRecord {
  caseId: string
  enrolmentId: string | null
  at: number
  kind: string
  nodeId: string | null
  detail: Record<string, unknown>
}

export interface InstalmentRecord extends AllocatedInstalment {
  /** Its grace days passed before it was paid in full. */
  missed: boolean
}

/** A promise to pay (one instalment) or an instalment plan, as the engine keeps it. Money in minor units. */
export interface ArrangementRecord {
  id: string
  caseId: string
  kind: 'promise' | 'plan'
  status: 'active' | 'kept' | 'completed' | 'broken' | 'replaced'
  via: string | null
  interval: string | null
  graceDays: number
  missesToBreak: number
  instalments: InstalmentRecord[]
  payments: { id: string; allocations: Allocation[] }[]
  madeAt: number
  updatedAt: number
}

/** What an offer holds: paying in part, a plan and a promise, each within its rules (amounts in major units, as the journey says). */
export type OfferTerms = Pick<OfferData, 'payInPart' | 'plan' | 'promise'>

/**
 * What a journey step offered the debtor on the portal (an offer step, or an action's payment-plan offer), standing
 * from `madeAt` until `expiresAt`: the messages of its enrolment after it link to it.
 */
export interface OfferRecord {
  id: string
  enrolmentId: string
  caseId: string
  journeyId: string
  version: number
  nodeId: string
  terms: OfferTerms
  madeAt: number
  expiresAt: number
}

/** Everything one batch changes; committed in one transaction. */
export interface WriteBatch {
  cases: Map<string, CaseRecord>
  enrolments: Map<string, EnrolmentRecord>
  timersToInsert: Map<string, TimerRecord>
  timersToDelete: Set<string>
  /** Wake timers of a node cancelled by leaving it: [enrolmentId, nodeId]. */
  timersToCancel: [string, string][]
  /** Enrolments whose timers are all dropped (the enrolment ended). */
  enrolmentsEnded: Set<string>
  /** Enrolments whose timers are held (paused) or released. */
  timersHeld: Map<string, boolean>
  outbox: OutboxRecord[]
  tasks: TaskRecord[]
  audit: AuditRecord[]
  eventsProcessed: string[]
  splitAssignments: { caseId: string; journeyId: string; nodeId: string; variant: string; at: number }[]
  holdsAdded: { caseId: string; kind: string; since: number }[]
  holdsReleased: { caseId: string; kind: string }[]
  optouts: { caseId: string; channel: string; at: number }[]
  /** Preferences replaced by a `preferences.changed` event, by case. */
  preferences: Map<string, DebtorPreferences & { at: number }>
  arrangements: Map<string, ArrangementRecord>
  offers: OfferRecord[]
  /** Events the engine sends itself (promise.kept, plan.broken…), stored with source `runtime`. */
  emitted: EventRecord[]
}

export function emptyBatch(): WriteBatch {
  return {
    cases: new Map(),
    enrolments: new Map(),
    timersToInsert: new Map(),
    timersToDelete: new Set(),
    timersToCancel: [],
    enrolmentsEnded: new Set(),
    timersHeld: new Map(),
    outbox: [],
    tasks: [],
    audit: [],
    eventsProcessed: [],
    splitAssignments: [],
    holdsAdded: [],
    holdsReleased: [],
    optouts: [],
    preferences: new Map(),
    arrangements: new Map(),
    offers: [],
    emitted: [],
  }
}
