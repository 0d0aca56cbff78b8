import { randomUUID } from 'node:crypto'
import { compile, DAYS_PAST_DUE_EVENT, format, type Journey } from '@dunwell/journey'
import type { Kysely } from 'kysely'
import { systemClock, type Clock } from '../clock'
import { recordingAdapter, type ChannelAdapter } from '../channels/channel-adapter'
import type { Database } from '../db/database'
import { releaseStaleLeases } from '../db/open-database'
import type { EventSource } from '../db/event-row-id'
import type { Backlog, EngineStore } from '../db/engine-store'
import { createMessageRenderer, type MessageRenderer } from '../messages'
import { defaultContactPolicy, quietPeriodEvents, type ContactPolicy } from '../policy'
import { BatchRun, type WorkItem } from './batch-run'
import { controlEvents } from './control-events'
import { yieldToLoop } from './breathe'
import { daysPastDueEntries, sweptKey } from './days-past-due'
import { deliverOutbox, type DeliveryStats } from './deliver-outbox'
import { explainPolicy } from './explain-policy'
import type { EngineDeps, LinksFor } from './engine-deps'
import { GuardScope } from './guard-scope'
import { JourneyCache, type CompiledVersion } from './journey-cache'
import { byPriority } from './journey-priority'
import { engineEventTypes } from '@dunwell/contract'
import { eventId, ingestEvents, summarise, upsertCases, type EventOutcome, type IngestResult, type UpsertResult } from './ingest'
import type { CaseInput, CasePolicy } from '@dunwell/contract'
import type { EventInput } from '@dunwell/contract'

export interface EngineOptions {
  db: Kysely<Database>
  store: EngineStore
  clock?: Clock & { set?: (time: number) => void }
  policy?: ContactPolicy
  channels?: Partial<Record<string, ChannelAdapter>>
  render?: MessageRenderer
  /** Where payment and opt-out links point; the default is a placeholder host. */
  links?: LinksFor
  sender?: { name: string; [key: string]: unknown }
  /** Work items per batch (events plus timers): bigger batches, fewer transactions. */
  batchSize?: number
  /** Keep in each decision the values its conditions read (test runs only: it puts case data into the trail). */
  recordConditionValues?: boolean
}

export interface RunResult {
  /** Events and timers handled. */
  items: number
  /** Enrolment steps taken (one per transition macrostep). */
  steps: number
  batches: number
}

/**
 * The durable engine. Every batch of due work is claimed, applied in memory with XState's pure transitions, and
 * committed in one transaction; messages leave through the outbox afterwards. Nothing lives only in memory.
 */
/** Work per batch before it is committed (and the rest released for the next batch). */
const BATCH_WORK_MS = 20
/** The fewest items a batch claims, however slow each is. */
const MIN_CLAIM = 20

export class Engine {
  readonly db: Kysely<Database>
  readonly store: EngineStore
  readonly clock: Clock & { set?: (time: number) => void }
  readonly policy: ContactPolicy
  readonly batchSize: number
  readonly worker = randomUUID()
  readonly #deps: EngineDeps
  #triggers = new Map<string, CompiledVersion[]>()
  /** Event types the active journeys enrol on or wait for. */
  #listened = new Set<string>()
  /** When each journey that enters by days past due was published, and how far its sweep has looked since. */
  #published = new Map<string, number>()
  #swept = new Map<string, number>()

  constructor(options: EngineOptions) {
    this.db = options.db
    this.store = options.store
    this.clock = options.clock ?? systemClock
    this.policy = options.policy ?? defaultContactPolicy
    this.batchSize = options.batchSize ?? 2000
    const scope = new GuardScope(options.recordConditionValues ?? false)
    const journeys = new JourneyCache(scope.guards)
    const channels = new Map<string, ChannelAdapter>()
    for (const channel of ['email', 'sms', 'whatsapp', 'letter', 'call', 'webhook']) channels.set(channel, options.channels?.[channel] ?? recordingAdapter)
    this.#deps = {
      store: this.store,
      journeys,
      loadVersion: (journeyId, version) => this.#loadVersion(journeyId, version),
      triggers: () => this.#triggers,
      policy: this.policy,
      clock: this.clock,
      // Caches are keyed by journey id and version, which only mean something within one database.
      render: options.render ?? createMessageRenderer(),
      links:
        options.links ??
        ((caseId) => ({
          portal: `https://pay.example.com/c/${encodeURIComponent(caseId)}`,
          pay: `https://pay.example.com/c/${encodeURIComponent(caseId)}`,
          optout: `https://pay.example.com/optout/${encodeURIComponent(caseId)}`,
        })),
      sender: options.sender ?? { name: 'Dunwell' },
      scope,
      channels,
    }
  }

  /** Loads the published journeys; call once after opening, and after another process publishes. */
  async start(): Promise<this> {
    await releaseStaleLeases(this.db)
    await this.refreshJourneys()
    return this
  }

  async refreshJourneys(): Promise<void> {
    const rows = await this.db
      .selectFrom('journey_versions as v')
      .innerJoin('journeys as j', 'j.id', 'v.journey_id')
      .select(['v.journey_id', 'v.version', 'v.document', 'v.published_at'])
      .where('j.status', '=', 'active')
      .where('v.version', '=', (eb) =>
        eb
          .selectFrom('journey_versions as l')
          .select((l) => l.fn.max('l.version').as('max'))
          .whereRef('l.journey_id', '=', 'v.journey_id'),
      )
      .execute()
    const triggers = new Map<string, CompiledVersion[]>()
    const listened = new Set<string>()
    for (const row of rows) {
      const compiled = this.#deps.journeys.add(row.journey_id, row.version, JSON.parse(row.document))
      if (compiled.trigger.daysPastDue) this.#published.set(row.journey_id, Number(row.published_at))
      triggers.set(compiled.trigger.event, [...(triggers.get(compiled.trigger.event) ?? []), compiled])
      listened.add(compiled.trigger.event)
      for (const handled of compiled.handles.values()) for (const type of handled) listened.add(type)
      for (const rule of compiled.journey.settings.stopOn ?? []) listened.add(rule.event)
    }
    for (const type of quietPeriodEvents(this.policy)) listened.add(type)
    // The journey that comes first enrols first: one it outranks then does not start (journey priority).
    for (const versions of triggers.values()) versions.sort(byPriority)
    this.#triggers = triggers
    this.#listened = listened
  }

  /** Whether the engine or an active journey acts on this event type: a sender's typo is not. */
  isHeard(type: string): boolean {
    return engineEventTypes.has(type) || this.#listened.has(type)
  }

  /** Every event type the engine or an active journey acts on. */
  heardTypes(): string[] {
    return [...new Set([...engineEventTypes, ...this.#listened])].filter((type) => !type.startsWith('dunwell.') && !type.startsWith('xstate.'))
  }

  async #loadVersion(journeyId: string, version: number): Promise<CompiledVersion | undefined> {
    const row = await this.db
      .selectFrom('journey_versions')
      .select('document')
      .where('journey_id', '=', journeyId)
      .where('version', '=', version)
      .executeTakeFirst()
    return row ? this.#deps.journeys.add(journeyId, version, JSON.parse(row.document)) : undefined
  }

  /** Publishes a journey document as a new immutable version; refuses one with errors. */
  async publish(document: unknown, note?: string): Promise<{ journeyId: string; version: number }> {
    const result = compile(document)
    if (!result.ok) throw new PublishError(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message))
    const journey: Journey = result.journey
    const now = this.clock.now()
    const published = await this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('journeys').select('id').where('id', '=', journey.id).executeTakeFirst()
      if (existing) await trx.updateTable('journeys').set({ name: journey.name, updated_at: now, draft: null }).where('id', '=', journey.id).execute()
      else
        await trx
          .insertInto('journeys')
          .values({ id: journey.id, name: journey.name, status: 'active', draft: null, created_at: now, updated_at: now })
          .execute()
      const last = await trx
        .selectFrom('journey_versions')
        .select((eb) => eb.fn.max('version').as('max'))
        .where('journey_id', '=', journey.id)
        .executeTakeFirst()
      const version = Number(last?.max ?? 0) + 1
      await trx
        .insertInto('journey_versions')
        .values({
          journey_id: journey.id,
          version,
          document: format(journey),
          config: JSON.stringify(result.config),
          trigger: JSON.stringify(result.trigger),
          trigger_event: result.trigger.event,
          note: note ?? null,
          published_at: now,
        })
        .execute()
      return { journeyId: journey.id, version }
    })
    await this.refreshJourneys()
    return published
  }

  /** Creates or updates cases; an update that changes what the goal reads is checked against it at once. */
  async upsertCases(cases: CaseInput[]): Promise<UpsertResult> {
    const now = this.clock.now()
    const result = await this.#exclusive(() => upsertCases(this.db, cases, now))
    if (result.changed.length > 0) {
      await this.ingest(
        result.changed.map(({ caseId, state }) => ({
          id: `case.updated/${caseId}/${now}/${state}`,
          type: 'case.updated',
          caseId,
          at: new Date(now).toISOString(),
        })),
        'runtime',
      )
    }
    return result
  }

  #pending: { events: EventInput[]; source: EventSource; resolve: (outcomes: EventOutcome[]) => void; reject: (error: unknown) => void }[] = []

  /**
   * Stores events for the engine to apply in time order; idempotent by id, per case and source (`runtime` for the
   * events the runtime makes itself, whose keys no client can write). Calls that arrive together (concurrent requests)
   * are written in one transaction: group commit keeps many small posts cheap.
   */
  async ingest(events: EventInput[], source: EventSource = 'client'): Promise<IngestResult> {
    const now = this.clock.now()
    const outcomes = await new Promise<EventOutcome[]>((resolve, reject) => {
      this.#pending.push({ events, source, resolve, reject })
      if (this.#pending.length === 1) setImmediate(() => void this.#flushIngest())
    })
    return summarise(
      outcomes,
      events.map((event) => eventId(event, now)),
    )
  }

  async #flushIngest(): Promise<void> {
    const waiting = this.#pending
    this.#pending = []
    try {
      const outcomes = await ingestEvents(
        this.store,
        waiting.flatMap((w) => w.events),
        this.clock.now(),
        waiting.flatMap((w) => w.events.map(() => w.source)),
      )
      this.#backlog = undefined
      let offset = 0
      for (const w of waiting) {
        w.resolve(outcomes.slice(offset, offset + w.events.length))
        offset += w.events.length
      }
    } catch (error) {
      for (const w of waiting) w.reject(error)
    }
  }

  /** An operator's command for a case (enrol in a journey, pause, resume, stop), applied in order with its events. */
  async control(caseId: string, action: 'enrol' | 'pause' | 'resume' | 'stop', options: { journeyId?: string; reason?: string } = {}): Promise<void> {
    const now = this.clock.now()
    const data = { ...(options.journeyId ? { journeyId: options.journeyId } : {}), ...(options.reason ? { reason: options.reason } : {}) }
    await this.ingest(
      [{ id: `${controlEvents[action]}/${caseId}/${now}/${randomUUID()}`, type: controlEvents[action], caseId, at: new Date(now).toISOString(), data }],
      'runtime',
    )
  }

  /**
   * The engine's work runs one piece at a time: the scheduler, a test clock's advance and an embedder's `runDue` or
   * `deliver` wait for each other, so that no two batches hold the same case and one delivery loop hands messages over.
   * Writes from outside that a batch must not straddle (case upserts, erasure) run through it too.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.#exclusive(work)
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work)
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }
  #queue: Promise<void> = Promise.resolve()
  /** How many due items the next batch claims: up to `batchSize`, fewer when batches are cut by their budget. */
  #claimSize = MIN_CLAIM

  /** Handles every event and timer due now (on the engine's clock), batch by batch, then delivers the outbox. */
  async runDue(options: { onItem?: (dueAt: number) => void } = {}): Promise<RunResult> {
    return this.#exclusive(() => this.#runUntil(this.clock.now(), options.onItem))
  }

  /** Moves a virtual clock forward to `time`, firing every due event and timer in time order on the way. */
  async advanceTo(time: number | Date): Promise<RunResult> {
    const set = this.clock.set
    if (!set) throw new Error('advanceTo needs a virtual clock (VirtualClock)')
    const target = typeof time === 'number' ? time : time.getTime()
    return this.#exclusive(async () => {
      const result = await this.#runUntil(target)
      set.call(this.clock, target)
      return result
    })
  }

  /**
   * Makes the entries by days past due that fall between the last look and `to`, as events at their moments (a
   * virtual clock moved by days gets each on its day, in order with everything else). A journey's first look starts
   * when it was published: a case already past its day then does not enter by itself; one created later does.
   */
  async #sweepDaysPastDue(to: number): Promise<void> {
    for (const version of this.#triggers.get(DAYS_PAST_DUE_EVENT) ?? []) {
      const key = sweptKey(version.journeyId)
      let from = this.#swept.get(version.journeyId)
      if (from === undefined) {
        const stored = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
        from = stored ? Number(stored.value) : (this.#published.get(version.journeyId) ?? to)
      }
      if (to <= from) continue
      const events = await daysPastDueEntries(this.db, version, from, to, this.policy.defaultTimezone, this.#published.get(version.journeyId))
      if (events.length > 0) await this.ingest(events, 'runtime')
      await this.db
        .insertInto('settings')
        .values({ key, value: String(to) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(to) }))
        .execute()
      this.#swept.set(version.journeyId, to)
    }
  }

  async #runUntil(limit: number, onItem?: (dueAt: number) => void): Promise<RunResult> {
    const total: RunResult = { items: 0, steps: 0, batches: 0 }
    await this.#sweepDaysPastDue(limit)
    for (;;) {
      // Each batch leases under its own name: its commit frees what it claimed and nothing another batch holds.
      const owner = `${this.worker}/${randomUUID()}`
      const claim = this.#claimSize
      const { events, timers } = await this.store.claimDue(limit, claim, owner, Date.now() + 60_000)
      if (events.length === 0 && timers.length === 0) break
      // A turn of the event loop between the batch's synchronous stretches (claim, loading facts, work, commit).
      await yieldToLoop()
      // Everything due before the horizon is in hand: anything a step schedules before it can run in this batch.
      const horizon = Math.min(
        limit,
        events.length === claim ? events[events.length - 1]!.at : Infinity,
        timers.length === claim ? timers[timers.length - 1]!.dueAt : Infinity,
      )
      const items: WorkItem[] = [
        ...events.filter((event) => event.at <= horizon).map((event): WorkItem => ({ kind: 'event', time: event.at, event })),
        ...timers.filter((timer) => timer.dueAt <= horizon).map((timer): WorkItem => ({ kind: 'timer', time: timer.dueAt, timer })),
      ]
      if (onItem) for (const item of items) onItem(item.time)
      const run = await BatchRun.create(this.#deps, items, horizon, this.clock.now())
      await yieldToLoop()
      // A batch is cut after BATCH_WORK_MS of work: its commit (synchronous SQLite) stays short, and so does any wait
      // for a request that arrives meanwhile.
      await run.run(BATCH_WORK_MS)
      await yieldToLoop()
      await this.store.commit(run.batch, owner)
      this.#backlog = undefined
      // Claim what a batch gets through in its budget: loading the facts of the cases costs per item claimed.
      this.#claimSize = run.processed < run.work.length ? Math.max(MIN_CLAIM, run.processed) : Math.min(this.batchSize, this.#claimSize * 2)
      await this.#deliver()
      await yieldToLoop()
      total.items += run.processed
      total.steps += run.stepsTaken
      total.batches++
    }
    // Entries left pending by a crash, and retries whose backoff has run out, are due even when nothing else is.
    if (total.batches === 0) await this.#deliver()
    return total
  }

  /** Sends what the outbox holds through the channel adapters; safe to repeat after a crash. */
  deliver(): Promise<number> {
    return this.#exclusive(() => this.#deliver())
  }

  /**
   * What is due and not yet done, and how late the oldest of it is: the truth about keeping up, also while the engine
   * is too busy to pick anything up (read at most every 250 ms).
   */
  async backlog(): Promise<Backlog & { lateMs: number }> {
    const now = this.clock.now()
    if (!this.#backlog || Date.now() - this.#backlog.read > 250) {
      const found = await this.store.backlog(now)
      this.#backlog = { read: Date.now(), value: found }
    }
    const value = this.#backlog.value
    return { ...value, lateMs: value.oldestDueAt === null ? 0 : Math.max(0, now - value.oldestDueAt) }
  }
  #backlog: { read: number; value: Backlog } | undefined

  /** The contact rules in force for a case's debtor now (`dunwell policy explain`, `GET /api/cases/{id}/policy`). */
  explainPolicy(caseId: string): Promise<CasePolicy | undefined> {
    return explainPolicy(this.store, this.policy, caseId, this.clock.now())
  }

  /** Messages sent since start, and those resent because a crash interrupted their hand-over. */
  readonly deliveryStats: DeliveryStats = { sent: 0, resentAfterInterruption: 0 }

  #deliver(): Promise<number> {
    return deliverOutbox(this.store, this.#deps.channels, this.clock, this.worker, this.deliveryStats)
  }
}

export class PublishError extends Error {
  constructor(readonly problems: string[]) {
    super(`the journey has errors: ${problems.join('; ')}`)
  }
}
