import { planTerms, promiseTerms, providerPaymentId, reversalTerms } from '@dunwell/contract'
import { allocatePayment, DEFAULT_GRACE_DAYS, DEFAULT_MISSES_TO_BREAK, reverseAllocation } from '@dunwell/journey'
import { DateTime } from 'luxon'
import { fromMinorUnits, toMinorUnits } from '../wire/money'
import type { BatchRun } from './batch-run'
import { placeOf } from './case-facts'
import type { ArrangementRecord, CaseRecord, EventRecord, InstalmentRecord } from './records'

/**
 * Promises to pay and instalment plans, kept by the engine: payments are allocated to them, and the engine sends the
 * events journeys wait for (`promise.kept`, `plan.instalment.missed`, `plan.broken`…) when a payment completes one or
 * when a due date's grace days pass without it. A case has at most one active: a new one replaces it.
 */

/** The moment an instalment is missed: the start of the day after its due date plus the grace days, in the debtor's zone. */
export function missedAt(dueDate: string, graceDays: number, timezone: string): number {
  const start = DateTime.fromISO(dueDate, { zone: timezone })
  const day = start.isValid ? start : DateTime.fromISO(dueDate, { zone: 'utc' })
  return day.plus({ days: graceDays + 1 }).toMillis()
}

/** The grace days and misses of the journey the case is in (the first that says), else the defaults. */
function termsFor(run: BatchRun, record: CaseRecord): { graceDays: number; missesToBreak: number } {
  for (const enrolment of run.state.enrolmentsOf(record.id)) {
    if (enrolment.status !== 'active' && enrolment.status !== 'paused') continue
    const settings = run.deps.journeys.get(enrolment.journeyId, enrolment.version)?.journey.settings.promises
    if (settings) return { graceDays: settings.graceDays ?? DEFAULT_GRACE_DAYS, missesToBreak: settings.missesToBreak ?? DEFAULT_MISSES_TO_BREAK }
  }
  return { graceDays: DEFAULT_GRACE_DAYS, missesToBreak: DEFAULT_MISSES_TO_BREAK }
}

const save = (run: BatchRun, arrangement: ArrangementRecord, now: number) => {
  arrangement.updatedAt = now
  run.batch.arrangements.set(arrangement.id, arrangement)
}

/** What a journey reads of an instalment in the engine's events: amounts in major units. */
function instalmentData(record: CaseRecord, arrangement: ArrangementRecord, index: number) {
  const instalment = arrangement.instalments[index]!
  return {
    [arrangement.kind === 'plan' ? 'planId' : 'promiseId']: arrangement.id,
    ...(arrangement.kind === 'plan' ? { number: index + 1, of: arrangement.instalments.length } : {}),
    dueDate: instalment.dueDate,
    amount: fromMinorUnits(instalment.amount, record.currency),
    paid: fromMinorUnits(instalment.paid, record.currency),
  }
}

/** The instalments (minor units) an event's data promises or agrees; a text says why it is refused; none without a date. */
function readTerms(record: CaseRecord, event: EventRecord): { instalments: InstalmentRecord[]; interval: string | null } | string | undefined {
  if (event.type === 'promise.made') {
    const terms = promiseTerms(event.data)
    // A promise without a date is a fact for journeys, nothing the engine can keep.
    if (!terms) return undefined
    const amount = terms.amount === undefined ? record.balance : toMinorUnits(terms.amount, record.currency)
    if (typeof amount === 'string') return `data.amount ${amount}`
    if (amount <= 0) return 'nothing is owed to promise'
    return { instalments: [{ dueDate: terms.date, amount, paid: 0, missed: false }], interval: null }
  }
  const terms = planTerms(event.data)
  if (!terms) return 'data does not describe a plan'
  const amounts = terms.instalments.map((i) => toMinorUnits(i.amount, record.currency))
  const wrong = amounts.findIndex((a) => typeof a === 'string')
  if (wrong >= 0) return `data.instalments.${wrong}.amount ${amounts[wrong]}`
  return {
    instalments: terms.instalments.map((i, index) => ({ dueDate: i.dueDate, amount: amounts[index] as number, paid: 0, missed: false })),
    interval: terms.interval,
  }
}

/** Stores the promise or plan an event makes, replacing an active one, and schedules the checks of its due dates. */
export function makeArrangement(run: BatchRun, record: CaseRecord, event: EventRecord, now: number): void {
  const terms = readTerms(record, event)
  if (terms === undefined) return
  if (typeof terms === 'string') {
    run.rejectEvent(record, event, terms, now)
    return
  }
  const { instalments, interval } = terms
  const list = run.state.arrangementsOf(record.id)
  for (const active of list.filter((a) => a.status === 'active')) {
    active.status = 'replaced'
    save(run, active, now)
  }
  const via = typeof event.data.via === 'string' ? event.data.via : null
  const arrangement: ArrangementRecord = {
    // Never an enrolment's id (a journey id has no colon): due timers are filed under it.
    id: `${event.type === 'promise.made' ? 'promise' : 'plan'}:${record.id}:${list.length + 1}`,
    caseId: record.id,
    kind: event.type === 'promise.made' ? 'promise' : 'plan',
    status: 'active',
    via,
    interval,
    ...termsFor(run, record),
    instalments,
    payments: [],
    madeAt: now,
    updatedAt: now,
    answered: [],
  }
  list.push(arrangement)
  save(run, arrangement, now)
  const { timezone } = placeOf(record, run.deps.policy.defaultTimezone)
  for (const [index, instalment] of instalments.entries()) {
    run.addTimer({
      id: `due:${arrangement.id}:${index}`,
      enrolmentId: arrangement.id,
      caseId: record.id,
      nodeId: String(index),
      kind: 'due',
      dueAt: missedAt(instalment.dueDate, arrangement.graceDays, timezone),
    })
  }
}

/** What a wait for a promise or plan finds when a case reaches it: the active one, or one that ended meanwhile. */
export interface ArrangementAtWait {
  outcome: 'active' | 'kept' | 'broken'
  arrangement: ArrangementRecord
}

/**
 * The case's promise or plan that counts for a wait the enrolment reaches now: the active one, wherever it was made;
 * else the last one if it was kept or broken since the enrolment began and no wait of the enrolment took that end yet
 * (met again after a broken promise, a wait waits for a new one). One that ended before is history.
 */
export function arrangementAtWait(run: BatchRun, caseId: string, enrolment: { id: string; enteredAt: number }): ArrangementAtWait | undefined {
  const list = run.state.arrangementsOf(caseId).filter((a) => a.status !== 'replaced')
  const active = list.find((a) => a.status === 'active')
  if (active) return { outcome: 'active', arrangement: active }
  const last = list.reduce<ArrangementRecord | undefined>((latest, a) => (!latest || a.madeAt >= latest.madeAt ? a : latest), undefined)
  if (!last || last.updatedAt < enrolment.enteredAt || last.answered.includes(enrolment.id)) return undefined
  return { outcome: last.status === 'broken' ? 'broken' : 'kept', arrangement: last }
}

/** A wait for a promise or plan took this arrangement's end (its event, or found at the step): once per enrolment. */
export function markAnswered(run: BatchRun, caseId: string, arrangementId: unknown, enrolmentId: string, now: number): void {
  const arrangement = run.state.arrangementsOf(caseId).find((a) => a.id === arrangementId)
  if (!arrangement || arrangement.answered.includes(enrolmentId)) return
  arrangement.answered = [...arrangement.answered, enrolmentId]
  // Not `save`: the arrangement's own time stays the moment it ended.
  run.batch.arrangements.set(arrangement.id, arrangement)
}

/** Allocates a payment (minor units) to the case's active promise or plan and sends what it completes. */
export function allocateToArrangement(run: BatchRun, record: CaseRecord, event: EventRecord, amount: number, now: number): void {
  const arrangement = run.state.arrangementsOf(record.id).find((a) => a.status === 'active')
  if (!arrangement) return
  const before = arrangement.instalments.map((i) => i.paid >= i.amount)
  const result = allocatePayment(arrangement.instalments, amount)
  if (result.allocations.length === 0) return
  arrangement.instalments = result.instalments.map((i, index) => ({ ...i, missed: arrangement.instalments[index]!.missed }))
  arrangement.payments.push({ id: providerPaymentId(event.data) ?? event.key, allocations: result.allocations })
  save(run, arrangement, now)
  const done = arrangement.instalments.every((i) => i.paid >= i.amount)
  if (arrangement.kind === 'plan') {
    for (const [index, instalment] of arrangement.instalments.entries()) {
      if (!before[index] && instalment.paid >= instalment.amount)
        run.emit(
          record,
          'plan.instalment.paid',
          `${arrangement.id}/${index}/paid/${arrangement.payments.length}`,
          instalmentData(record, arrangement, index),
          now,
        )
    }
  }
  if (done) {
    arrangement.status = arrangement.kind === 'plan' ? 'completed' : 'kept'
    const type = arrangement.kind === 'plan' ? 'plan.completed' : 'promise.kept'
    const data =
      arrangement.kind === 'plan'
        ? { planId: arrangement.id, amount: fromMinorUnits(sum(arrangement), record.currency) }
        : instalmentData(record, arrangement, 0)
    run.emit(record, type, `${arrangement.id}/${type}/${arrangement.payments.length}`, data, now)
  }
}

const sum = (arrangement: ArrangementRecord) => arrangement.instalments.reduce((total, i) => total + i.amount, 0)

/** A due date's grace days have passed: an instalment not paid in full is missed; enough misses break the plan. */
export function checkDue(run: BatchRun, record: CaseRecord, arrangementId: string, index: number, now: number): void {
  const arrangement = run.state.arrangementsOf(record.id).find((a) => a.id === arrangementId)
  const instalment = arrangement?.instalments[index]
  if (!arrangement || !instalment || arrangement.status !== 'active' || instalment.missed || instalment.paid >= instalment.amount) return
  miss(run, record, arrangement, index, now)
}

function miss(run: BatchRun, record: CaseRecord, arrangement: ArrangementRecord, index: number, now: number): void {
  arrangement.instalments[index]!.missed = true
  save(run, arrangement, now)
  const data = instalmentData(record, arrangement, index)
  if (arrangement.kind === 'promise') {
    arrangement.status = 'broken'
    run.emit(record, 'promise.broken', `${arrangement.id}/promise.broken`, data, now)
    return
  }
  run.emit(record, 'plan.instalment.missed', `${arrangement.id}/${index}/missed`, data, now)
  const misses = arrangement.instalments.filter((i) => i.missed && i.paid < i.amount).length
  if (misses >= arrangement.missesToBreak) {
    arrangement.status = 'broken'
    run.emit(record, 'plan.broken', `${arrangement.id}/plan.broken`, { planId: arrangement.id, missed: misses }, now)
  }
}

/**
 * A payment returned: the balance rises by its amount, and what it paid of a promise or plan is open again. An
 * instalment whose grace days are over is then missed at once; the others wait for their check.
 */
export function reversePayment(run: BatchRun, record: CaseRecord, event: EventRecord, now: number): void {
  const terms = reversalTerms(event.data)
  const amount = terms ? toMinorUnits(terms.amount, record.currency) : 'must be a positive number'
  if (!terms || typeof amount === 'string') {
    run.rejectEvent(record, event, `data.amount ${amount}`, now)
    return
  }
  record.balance += amount
  run.touchCase(record, now)
  for (const arrangement of run.state.arrangementsOf(record.id)) {
    const payment = arrangement.payments.find((p) => p.id === terms.providerPaymentId)
    if (!payment || arrangement.status === 'replaced' || arrangement.status === 'broken') continue
    const result = reverseAllocation(arrangement.instalments, payment.allocations, amount)
    arrangement.instalments = result.instalments.map((i, index) => ({ ...i, missed: arrangement.instalments[index]!.missed }))
    payment.allocations = result.remaining
    if (arrangement.instalments.some((i) => i.paid < i.amount)) arrangement.status = 'active'
    save(run, arrangement, now)
    const { timezone } = placeOf(record, run.deps.policy.defaultTimezone)
    for (const [index, instalment] of arrangement.instalments.entries()) {
      if (arrangement.status !== 'active') break
      if (instalment.paid < instalment.amount && !instalment.missed && missedAt(instalment.dueDate, arrangement.graceDays, timezone) <= now) {
        miss(run, record, arrangement, index, now)
      }
    }
    return
  }
}
