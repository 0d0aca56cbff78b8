import { breather } from './breathe'
import { DAYS_PAST_DUE_EVENT, journeyEvents } from '@dunwell/journey'
import { Duration } from 'luxon'
import { transition, initialTransition, type AnyMachineSnapshot } from 'xstate'
import { paymentAmount, preferencesChange } from '@dunwell/contract'
import { holdEvents, releaseEvents } from '@dunwell/contract'
import { toMinorUnits } from '../wire/money'
import { BatchState } from './batch-state'
import { applyControlEvent, isControlEvent } from './control-events'
import { applyDaysPastDue } from './days-past-due'
import { expressionFacts } from './case-facts'
import type { EngineDeps } from './engine-deps'
import { evaluateExpression } from './expressions'
import type { CompiledVersion } from './journey-cache'
import { performActions, type StepEvent } from './perform-actions'
import { emptyBatch, type AuditRecord, type CaseRecord, type EnrolmentRecord, type EventRecord, type TimerRecord, type WriteBatch } from './records'
import { assignVariant } from './split-assignment'
import { noteQuietStart } from './contact-gate'
import { handBack, heldByOtherJourney, takeOver } from './journey-priority'
import { applyStopRules } from './stop-rules'
import { eventRowId } from '../db/event-row-id'
import { resumePausedContact, retryPausedSends } from './arrangement-pause'
import { allocateToArrangement, checkDue, makeArrangement, reversePayment } from './promises-and-plans'

/** Events after which the journey's goal is checked even where no node waits for them. */
const goalEvents = new Set(['payment.received', 'case.updated', 'dunwell.check'])

export type WorkItem = { kind: 'event'; time: number; event: EventRecord } | { kind: 'timer'; time: number; timer: TimerRecord }

function compareWork(a: WorkItem, b: WorkItem): number {
  if (a.time !== b.time) return a.time - b.time
  if (a.kind !== b.kind) return a.kind === 'event' ? -1 : 1
  // Events of the same moment in the order of their senders' keys (then rows), as they were before keys were scoped.
  const idA = a.kind === 'event' ? `${a.event.key}\u0000${a.event.id}` : a.timer.id
  const idB = b.kind === 'event' ? `${b.event.key}\u0000${b.event.id}` : b.timer.id
  return idA < idB ? -1 : idA > idB ? 1 : 0
}

/**
 * One unit of work: due events and timers, applied in time order in memory, then committed in one transaction.
 * Timers a step creates that fall due before the horizon are run in the same batch and never written.
 */
export class BatchRun {
  readonly batch: WriteBatch = emptyBatch()
  readonly work: WorkItem[]
  #next = 0
  readonly cancelled = new Set<string>()
  /** Timers this batch made, by enrolment, so that cancelling them needs no scan. */
  readonly #newTimers = new Map<string, Set<string>>()
  /** Wake timers claimed for this batch, by enrolment: a node cancelled before they fall due must not wake. */
  readonly #claimedWakes = new Map<string, TimerRecord[]>()
  stepsTaken = 0

  private constructor(
    readonly deps: EngineDeps,
    readonly state: BatchState,
    items: WorkItem[],
    readonly horizon: number,
  ) {
    this.work = [...items].sort(compareWork)
    for (const item of items) {
      if (item.kind !== 'timer' || item.timer.kind !== 'wake') continue
      const list = this.#claimedWakes.get(item.timer.enrolmentId)
      if (list) list.push(item.timer)
      else this.#claimedWakes.set(item.timer.enrolmentId, [item.timer])
    }
  }

  static async create(deps: EngineDeps, items: WorkItem[], horizon: number, now: number): Promise<BatchRun> {
    const caseIds = items.map((item) => (item.kind === 'event' ? item.event.caseId : item.timer.caseId))
    return new BatchRun(deps, await BatchState.load(deps, caseIds, now), items, horizon)
  }

  /** How many of the work items were applied (a run given a budget may stop before the end). */
  get processed(): number {
    return this.#next
  }

  /**
   * Applies the work in time order. With `budgetMs`, stops after that much work: the commit stays small, and the items
   * not reached are released with it for the next batch (a timer made on the way is stored either way). The engine
   * holds the batch while requests are answered between slices: nothing else writes what it holds (the engine's writes
   * run one at a time, and case upserts and erasure wait for the batch).
   */
  async run(budgetMs = Number.POSITIVE_INFINITY): Promise<void> {
    const breathe = breather()
    let worked = 0
    while (this.#next < this.work.length && worked < budgetMs) {
      // On a virtual clock a message is delivered at the moment it was queued: the batch ends before time moves past
      // a pending one, and the engine delivers it before going on (else a day's advance would date it a day late).
      if (this.deps.clock.set && this.#awaitsDelivery() && this.work[this.#next]!.time > this.deps.clock.now()) break
      await breathe()
      const began = performance.now()
      const item = this.work[this.#next++]!
      // On a virtual clock an item happens at its own time, unless it was held back (a hold): then it happens now.
      const now = this.deps.clock.set ? Math.max(item.time, this.deps.clock.now()) : this.deps.clock.now()
      this.deps.clock.set?.(item.time)
      if (item.kind === 'event') await this.processEvent(item.event, now)
      else if (!this.cancelled.has(item.timer.id)) await this.processTimer(item.timer, now)
      worked += performance.now() - began
    }
  }

  /** Whether the batch has queued a message for a channel adapter (looked at once per entry). */
  #awaitsDelivery(): boolean {
    const outbox = this.batch.outbox
    for (; !this.#pending && this.#outboxSeen < outbox.length; this.#outboxSeen++) this.#pending = outbox[this.#outboxSeen]!.status === 'pending'
    return this.#pending
  }
  #outboxSeen = 0
  #pending = false

  /** Work made on the way, in its place among what is left of the batch's. */
  #schedule(item: WorkItem): void {
    let low = this.#next
    let high = this.work.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (compareWork(this.work[middle]!, item) <= 0) low = middle + 1
      else high = middle
    }
    this.work.splice(low, 0, item)
  }

  /** A timer made by a step: run in this batch when due before the horizon, else stored. */
  addTimer(timer: TimerRecord): void {
    if (timer.dueAt <= this.horizon) this.#schedule({ kind: 'timer', time: timer.dueAt, timer })
    this.batch.timersToInsert.set(timer.id, timer)
    let ids = this.#newTimers.get(timer.enrolmentId)
    if (!ids) this.#newTimers.set(timer.enrolmentId, (ids = new Set()))
    ids.add(timer.id)
  }

  cancelTimers(enrolmentId: string, nodeId: string): void {
    this.batch.timersToCancel.push([enrolmentId, nodeId])
    // A node may stay where it is and still stop its timer (a wait for a promise once one is made).
    for (const timer of this.#claimedWakes.get(enrolmentId) ?? []) if (timer.nodeId === nodeId) this.cancelled.add(timer.id)
    for (const id of this.#newTimers.get(enrolmentId) ?? []) {
      const timer = this.batch.timersToInsert.get(id)
      if (timer && timer.nodeId === nodeId && timer.kind === 'wake') {
        this.batch.timersToInsert.delete(id)
        this.cancelled.add(id)
      }
    }
  }

  /**
   * An event the engine sends itself (`promise.kept`, `plan.broken`…): stored like any other, with source `runtime`,
   * and applied in this batch right after what sent it, so that a journey's wait sees it before any later timer.
   */
  emit(record: CaseRecord, type: string, key: string, data: Record<string, unknown>, now: number): void {
    const event: EventRecord = { id: eventRowId('runtime', record.id, key), key, caseId: record.id, type, at: now, data }
    this.batch.emitted.push(event)
    this.#schedule({ kind: 'event', time: now, event })
  }

  /** An event whose data the engine cannot apply: in the trail with the reason, and nothing else happens. */
  rejectEvent(record: CaseRecord, event: EventRecord, reason: string, now: number): void {
    this.audit({ caseId: record.id, enrolmentId: null, at: now, kind: 'event-rejected', nodeId: null, detail: { id: event.key, reason } })
  }

  audit(record: AuditRecord): void {
    this.batch.audit.push(record)
  }

  /** Conditions after an action read the attributes it set. */
  refreshFacts(record: CaseRecord, now: number): void {
    this.deps.scope.facts = expressionFacts(record, now, this.deps.policy.defaultTimezone)
  }

  touchCase(record: CaseRecord, now: number): void {
    record.updatedAt = now
    this.batch.cases.set(record.id, record)
  }

  private async processEvent(event: EventRecord, now: number): Promise<void> {
    this.batch.eventsProcessed.push(event.id)
    const record = this.state.cases.get(event.caseId)
    if (!record) return
    this.audit({ caseId: record.id, enrolmentId: null, at: now, kind: 'event', nodeId: null, detail: { id: event.key, type: event.type, data: event.data } })
    if (isControlEvent(event.type)) return applyControlEvent(this, record, event, now)
    if (event.type === DAYS_PAST_DUE_EVENT) return applyDaysPastDue(this, record, event, now)
    const stepEvent: StepEvent = { type: event.type, data: event.data }
    if (event.type === 'preferences.changed') {
      // What the journey's next steps read (`debtor.preferred…`, language, hours), and the stored profile.
      const preferences = preferencesChange(event.data)
      if (preferences) {
        record.preferences = preferences
        this.batch.preferences.set(record.id, { ...preferences, at: now })
      }
    }
    const enrolments = this.state.enrolmentsOf(record.id)
    const active = enrolments.filter((e) => e.status === 'active')

    if (event.type === 'payment.received') {
      // Refused at ingest already; an event stored before that check is refused here, by the same schema.
      const given = paymentAmount(event.data)
      const amount = given === undefined ? 'must be a positive number' : toMinorUnits(given, record.currency)
      if (typeof amount === 'string') return this.rejectEvent(record, event, `data.amount ${amount}`, now)
      record.balance -= amount
      this.touchCase(record, now)
      allocateToArrangement(this, record, event, amount, now)
    }
    if (event.type === 'promise.made' || event.type === 'plan.agreed') makeArrangement(this, record, event, now)
    if (event.type === 'payment.reversed') reversePayment(this, record, event, now)
    // The policy's quiet periods and the journeys' stop rules (governance across journeys).
    noteQuietStart(this, record, event)
    await applyStopRules(this, record, stepEvent, now)
    if (event.type === 'payment.received' || event.type === 'case.updated') {
      // A paused enrolment still ends when the goal is met; nothing else moves it.
      for (const paused of enrolments.filter((e) => e.status === 'paused')) await this.step(paused, { type: 'dunwell.check', data: {} }, now)
    }
    const hold = holdEvents[event.type]
    if (hold && !this.state.holdsOf(record.id).has(hold)) {
      this.state.holdsOf(record.id).add(hold)
      this.batch.holdsAdded.push({ caseId: record.id, kind: hold, since: now })
      for (const enrolment of active) this.setPaused(enrolment, true, hold, now)
      return
    }
    const release = releaseEvents[event.type]
    if (release && this.state.holdsOf(record.id).delete(release)) {
      this.batch.holdsReleased.push({ caseId: record.id, kind: release })
      if (this.state.holdsOf(record.id).size === 0) {
        // One paused for a journey of higher priority waits for that one.
        const released = enrolments.filter((e) => e.status === 'paused' && !e.outrankedBy)
        // A message a promise held back, whose promise ended during the hold, goes out now (paused since: updatedAt).
        const ended = this.state.arrangementsOf(record.id).filter((a) => a.status !== 'active' && a.status !== 'replaced')
        const heldBack = released.filter((e) => ended.some((a) => a.updatedAt >= e.updatedAt))
        for (const enrolment of released) {
          this.setPaused(enrolment, false, release, now)
          await this.step(enrolment, { type: 'dunwell.check', data: {} }, now)
        }
        await retryPausedSends(this, record, heldBack, release, now)
      }
    }
    if (event.type === 'optout') {
      const channel = typeof event.data.channel === 'string' ? event.data.channel : 'all'
      this.state.optedOut(record.id).add(channel)
      this.batch.optouts.push({ caseId: record.id, channel, at: now })
    }
    if (this.state.holdsOf(record.id).size === 0) {
      for (const enrolment of active) if (enrolment.status === 'active') await this.step(enrolment, stepEvent, now)
    }
    await resumePausedContact(this, record, event, now)
    for (const version of this.deps.triggers().get(event.type) ?? []) await this.enrol(record, version, stepEvent, now)
  }

  setPaused(enrolment: EnrolmentRecord, paused: boolean, reason: string, now: number, detail: Record<string, unknown> = {}): void {
    enrolment.status = paused ? 'paused' : 'active'
    enrolment.updatedAt = now
    this.batch.enrolments.set(enrolment.id, enrolment)
    this.batch.timersHeld.set(enrolment.id, paused)
    // Timers made earlier in this batch are held too: they wait in the table for the release.
    if (paused) for (const id of this.#newTimers.get(enrolment.id) ?? []) this.cancelled.add(id)
    this.audit({
      caseId: enrolment.caseId,
      enrolmentId: enrolment.id,
      at: now,
      kind: paused ? 'paused' : 'resumed',
      nodeId: enrolment.node,
      detail: { reason, ...detail },
    })
  }

  private async processTimer(timer: TimerRecord, now: number): Promise<void> {
    if (timer.kind === 'due') {
      if (this.batch.timersToInsert.has(timer.id)) this.batch.timersToInsert.delete(timer.id)
      else this.batch.timersToDelete.add(timer.id)
      const record = this.state.cases.get(timer.caseId)
      if (record) checkDue(this, record, timer.enrolmentId, Number(timer.nodeId), now)
      return
    }
    const enrolment = this.state.enrolmentsById.get(timer.enrolmentId)
    // Paused since it was claimed: it stays, held, for the release.
    if (enrolment?.status === 'paused') return
    if (this.batch.timersToInsert.has(timer.id)) this.batch.timersToInsert.delete(timer.id)
    else this.batch.timersToDelete.add(timer.id)
    if (enrolment?.status !== 'active' || enrolment.node !== timer.nodeId) return
    if (timer.kind === 'wake') {
      await this.step(enrolment, { type: journeyEvents.wake(timer.nodeId), data: {} }, now)
      return
    }
    const version = this.deps.journeys.get(enrolment.journeyId, enrolment.version)
    const send = version?.sends.get(timer.nodeId)
    if (!version || !send) return
    await this.step(enrolment, { type: 'dunwell.retry-send', data: {} }, now, { retrySend: send })
  }

  async enrol(record: CaseRecord, version: CompiledVersion, event: StepEvent, now: number): Promise<void> {
    const previous = this.state.enrolmentsOf(record.id).filter((e) => e.journeyId === version.journeyId)
    const refuse = (reason: string) =>
      this.audit({
        caseId: record.id,
        enrolmentId: null,
        at: now,
        kind: 'not-enrolled',
        nodeId: null,
        detail: { journey: version.journeyId, version: version.version, reason },
      })
    if (previous.some((e) => e.status === 'active' || e.status === 'paused')) return refuse('already in this journey')
    if (version.trigger.reentry === 'never' && previous.length > 0) return refuse('this journey enrols a case only once')
    const lastEnd = Math.max(0, ...previous.map((e) => e.endedAt ?? 0))
    if (version.trigger.cooldown && lastEnd > 0 && lastEnd + Duration.fromISO(version.trigger.cooldown).toMillis() > now) {
      return refuse(`left this journey less than ${version.trigger.cooldown} ago`)
    }
    const holds = this.state.holdsOf(record.id)
    if (holds.size > 0) return refuse(`on hold (${[...holds].join(', ')})`)
    if (record.attributes.erased === true) return refuse('the case was erased')
    if (version.trigger.filter) {
      let passes = false
      try {
        passes = evaluateExpression(version.trigger.filter, { ...expressionFacts(record, now, this.deps.policy.defaultTimezone), event }) === true
      } catch (error) {
        return refuse(`filter could not be evaluated: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (!passes) return refuse(`filter is false: ${version.trigger.filter}`)
    }
    const holder = heldByOtherJourney(this, record.id, version)
    if (holder) return refuse(holder.reason)
    const enrolment: EnrolmentRecord = {
      id: `${version.journeyId}/${record.id}/${previous.length + 1}`,
      caseId: record.id,
      journeyId: version.journeyId,
      version: version.version,
      node: version.config.initial,
      status: 'active',
      outcome: null,
      steps: 0,
      enteredAt: now,
      updatedAt: now,
      endedAt: null,
    }
    this.state.addEnrolment(enrolment)
    this.audit({
      caseId: record.id,
      enrolmentId: enrolment.id,
      at: now,
      kind: 'enrolled',
      nodeId: null,
      detail: { journey: version.journeyId, version: version.version, trigger: event.type },
    })
    await takeOver(this, enrolment, version, now)
    await this.step(enrolment, event, now, { initial: true })
  }

  /** Applies XState's pure transitions to one enrolment until it rests, performing every effect they return. */
  async step(
    enrolment: EnrolmentRecord,
    event: StepEvent,
    now: number,
    options: { initial?: boolean; retrySend?: import('@dunwell/journey').SendParams } = {},
  ): Promise<void> {
    const version = this.deps.journeys.get(enrolment.journeyId, enrolment.version)
    const record = this.state.cases.get(enrolment.caseId)
    if (!version || !record) return
    const { scope } = this.deps
    scope.facts = expressionFacts(record, now, this.deps.policy.defaultTimezone)
    const prepare = (current: StepEvent) => {
      scope.event = current
      scope.decisions.clear()
      scope.variant = (nodeId, variants) => this.variantOf(record.id, version.journeyId, nodeId, variants)
    }
    prepare(event)
    const machine = version.machine
    let snapshot: AnyMachineSnapshot
    let actions: { type: string; params?: unknown }[]
    if (options.initial) {
      ;[snapshot, actions] = initialTransition(machine, { caseId: enrolment.caseId }) as [AnyMachineSnapshot, typeof actions]
    } else {
      snapshot = machine.resolveState({ value: enrolment.node, context: { caseId: enrolment.caseId } })
      // Nothing at this node listens for the event, and it changed nothing the goal reads: XState need not run.
      if (!options.retrySend && !version.handles.get(enrolment.node)?.has(event.type) && !goalEvents.has(event.type)) return
      if (options.retrySend) {
        actions = [{ type: 'dunwell.send', params: options.retrySend }]
      } else {
        ;[snapshot, actions] = transition(machine, snapshot, event) as [AnyMachineSnapshot, typeof actions]
        if (actions.length === 0 && snapshot.value === enrolment.node) return
      }
    }
    const queue: StepEvent[] = []
    await performActions(this, { enrolment, record, version, event, now, queue }, actions)
    while (queue.length > 0) {
      const next = queue.shift()!
      prepare(next)
      ;[snapshot, actions] = transition(machine, snapshot, next) as [AnyMachineSnapshot, typeof actions]
      await performActions(this, { enrolment, record, version, event: next, now, queue }, actions)
    }
    this.stepsTaken++
    enrolment.node = String(snapshot.value)
    enrolment.updatedAt = now
    if (snapshot.status === 'done' && enrolment.status !== 'done') {
      enrolment.status = 'done'
      enrolment.endedAt = now
    }
    if (enrolment.status === 'done') this.batch.enrolmentsEnded.add(enrolment.id)
    this.batch.enrolments.set(enrolment.id, enrolment)
    if (enrolment.status === 'done' && enrolment.endedAt === now) await handBack(this, enrolment, now)
  }

  /** Stores a split's assignment when the case takes it (its decision), not when a guard merely asks. */
  recordSplit(caseId: string, journeyId: string, nodeId: string, variant: string, now: number): void {
    if (this.state.recorded(caseId, journeyId, nodeId)) return
    this.state.markRecorded(caseId, journeyId, nodeId)
    this.batch.splitAssignments.push({ caseId, journeyId, nodeId, variant, at: now })
  }

  private variantOf(caseId: string, journeyId: string, nodeId: string, variants: { id: string; weight: number }[]): string {
    const stored = this.state.split(caseId, journeyId, nodeId)
    if (stored && variants.some((variant) => variant.id === stored)) return stored
    const variant = assignVariant(caseId, journeyId, nodeId, variants)
    this.state.setSplit(caseId, journeyId, nodeId, variant)
    return variant
  }
}
