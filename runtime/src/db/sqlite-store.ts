import type SqliteDatabase from 'better-sqlite3'
import { type Kysely, sql } from 'kysely'
import type { ArrangementRecord, CaseRecord, EnrolmentRecord, EventRecord, OfferRecord, TimerRecord, WriteBatch } from '../engine/records'
import type { DeliveryOutcome, EngineStore, EventRow, OutboxClaim } from './engine-store'
import type { Database } from './database'
import { eventRowId } from './event-row-id'
import { arrangementFromRow, caseFromRow, enrolmentFromRow, offerFromRow } from './rows'

const CHUNK = 500

/** Runs a query over distinct ids, 500 at a time (SQL parameters are bounded), and joins the rows. */
async function inChunks<T>(ids: string[], query: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const distinct = [...new Set(ids)]
  const rows: T[] = []
  for (let i = 0; i < distinct.length; i += CHUNK) rows.push(...(await query(distinct.slice(i, i + CHUNK))))
  return rows
}

/**
 * The SQLite store: reads through Kysely, writes through statements prepared once (the hot path). This file and
 * `open-database.ts` are the only places that know the database is SQLite.
 */
export function createSqliteStore(db: Kysely<Database>, sqlite: SqliteDatabase.Database): EngineStore {
  const statements = {
    upsertCase: sqlite.prepare(
      `insert into cases (id, debtor, currency, amount_due, balance, due_date, attributes, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set debtor = excluded.debtor, currency = excluded.currency, amount_due = excluded.amount_due, balance = excluded.balance,
       due_date = excluded.due_date, attributes = excluded.attributes, updated_at = excluded.updated_at`,
    ),
    upsertEnrolment: sqlite.prepare(
      `insert into enrolments (id, case_id, journey_id, version, node, status, outcome, steps, entered_at, updated_at, ended_at, outranked_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set node = excluded.node, status = excluded.status, outcome = excluded.outcome, steps = excluded.steps,
       updated_at = excluded.updated_at, ended_at = excluded.ended_at, outranked_by = excluded.outranked_by`,
    ),
    insertTimer: sqlite.prepare(
      `insert into timers (id, enrolment_id, case_id, node_id, kind, due_at, held) values (?, ?, ?, ?, ?, ?, 0) on conflict (id) do nothing`,
    ),
    deleteTimer: sqlite.prepare(`delete from timers where id = ?`),
    cancelTimers: sqlite.prepare(`delete from timers where enrolment_id = ? and node_id = ? and kind = 'wake'`),
    dropTimers: sqlite.prepare(`delete from timers where enrolment_id = ?`),
    holdTimers: sqlite.prepare(`update timers set held = ? where enrolment_id = ?`),
    insertOutbox: sqlite.prepare(
      `insert into outbox (id, enrolment_id, case_id, journey_id, version, node_id, channel, template, locale, status, reason, recipient, subject, html, text, created_at, sent_at, attempts)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) on conflict (id) do nothing`,
    ),
    insertTask: sqlite.prepare(
      `insert into tasks (id, outbox_id, case_id, enrolment_id, queue, priority, status, script, created_at) values (?, ?, ?, ?, ?, ?, 'open', ?, ?) on conflict (id) do nothing`,
    ),
    insertAudit: sqlite.prepare(`insert into audit (case_id, enrolment_id, at, kind, node_id, detail) values (?, ?, ?, ?, ?, ?)`),
    markProcessed: sqlite.prepare(`update events set processed_at = ?, lease_owner = null, lease_until = null where id = ?`),
    insertSplit: sqlite.prepare(
      `insert into split_assignments (case_id, journey_id, node_id, variant, assigned_at) values (?, ?, ?, ?, ?) on conflict do nothing`,
    ),
    addHold: sqlite.prepare(`insert into case_holds (case_id, kind, since) values (?, ?, ?) on conflict do nothing`),
    releaseHold: sqlite.prepare(`delete from case_holds where case_id = ? and kind = ?`),
    upsertArrangement: sqlite.prepare(
      `insert into arrangements (id, case_id, kind, status, via, interval, grace_days, misses_to_break, instalments, payments, made_at, updated_at, answered)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status, instalments = excluded.instalments, payments = excluded.payments, updated_at = excluded.updated_at, answered = excluded.answered`,
    ),
    insertOffer: sqlite.prepare(
      `insert into offers (id, enrolment_id, case_id, journey_id, version, node_id, terms, made_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing`,
    ),
    addOptout: sqlite.prepare(`insert into optouts (case_id, channel, at) values (?, ?, ?) on conflict do nothing`),
    savePreferences: sqlite.prepare(
      `insert into debtor_preferences (case_id, channel, time_of_day, locale, updated_at) values (?, ?, ?, ?, ?)
       on conflict (case_id) do update set channel = excluded.channel, time_of_day = excluded.time_of_day, locale = excluded.locale, updated_at = excluded.updated_at`,
    ),
    caseCurrencies: sqlite.prepare(`select id, currency from cases where id in (select value from json_each(?)) and erased_at is null`),
    erasedAmong: sqlite.prepare(`select id from cases where id in (select value from json_each(?)) and erased_at is not null`),
    insertEvent: sqlite.prepare(
      `insert into events (id, case_id, source, key, type, at, data, received_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing`,
    ),
    markSent: sqlite.prepare(
      // A provider's report may arrive before the hand-over is recorded: it is the later news and stays.
      `update outbox set status = iif(status in ('delivered', 'bounced', 'failed'), status, ?), sent_at = ?, attempts = attempts + 1, sending_since = null, lease_owner = null, lease_until = null,
       text = iif(exists (select 1 from cases where cases.id = outbox.case_id and cases.erased_at is not null), null, coalesce(?, text)) where id = ?`,
    ),
    markAttempt: sqlite.prepare(
      `update outbox set status = ?, attempts = ?, reason = ?, sending_since = null, lease_owner = null, lease_until = ? where id = ?`,
    ),
    markSending: sqlite.prepare(`update outbox set sending_since = ? where id = ?`),
    insertDelivery: sqlite.prepare(
      `insert into message_deliveries (outbox_id, key, at, status, reason, source) select id, 'attempt/' || attempts, ?, ?, ?, 'runtime' from outbox where id = ?
       on conflict (outbox_id, key) do nothing`,
    ),
    dueEvents: sqlite.prepare(`select count(*) as count, min(at) as oldest from events where processed_at is null and at <= ?`),
    dueTimers: sqlite.prepare(`select count(*) as count, min(due_at) as oldest from timers where held = 0 and due_at <= ?`),
    pendingOutbox: sqlite.prepare(`select count(*) as count from outbox where status = 'pending'`),
    releaseTimers: sqlite.prepare(`update timers set lease_owner = null, lease_until = null where lease_owner = ?`),
    releaseEvents: sqlite.prepare(`update events set lease_owner = null, lease_until = null where lease_owner = ?`),
  }

  const write = sqlite.transaction((batch: WriteBatch, processedAt: number, owner: string) => {
    // A case erased while this batch ran keeps nothing the batch made of its personal data.
    const touched = [
      ...new Set([
        ...batch.cases.keys(),
        ...[...batch.enrolments.values()].map((e) => e.caseId),
        ...batch.audit.map((a) => a.caseId),
        ...batch.outbox.map((o) => o.caseId),
        ...batch.offers.map((o) => o.caseId),
      ]),
    ]
    const erased = new Set((statements.erasedAmong.all(JSON.stringify(touched)) as { id: string }[]).map((row) => row.id))
    for (const c of batch.cases.values()) {
      if (erased.has(c.id)) continue
      statements.upsertCase.run(
        c.id,
        JSON.stringify(c.debtor),
        c.currency,
        c.amountDue,
        c.balance,
        c.dueDate,
        JSON.stringify(c.attributes),
        c.createdAt,
        c.updatedAt,
      )
    }
    for (const e of batch.enrolments.values()) {
      if (erased.has(e.caseId)) continue
      statements.upsertEnrolment.run(
        e.id,
        e.caseId,
        e.journeyId,
        e.version,
        e.node,
        e.status,
        e.outcome,
        e.steps,
        e.enteredAt,
        e.updatedAt,
        e.endedAt,
        e.outrankedBy ?? null,
      )
    }
    for (const id of batch.timersToDelete) statements.deleteTimer.run(id)
    for (const [enrolmentId, nodeId] of batch.timersToCancel) statements.cancelTimers.run(enrolmentId, nodeId)
    for (const enrolmentId of batch.enrolmentsEnded) statements.dropTimers.run(enrolmentId)
    for (const t of batch.timersToInsert.values()) {
      if (!batch.enrolmentsEnded.has(t.enrolmentId) && !erased.has(t.caseId))
        statements.insertTimer.run(t.id, t.enrolmentId, t.caseId, t.nodeId, t.kind, t.dueAt)
    }
    for (const [enrolmentId, held] of batch.timersHeld) statements.holdTimers.run(held ? 1 : 0, enrolmentId)
    for (const o of batch.outbox) {
      if (erased.has(o.caseId)) continue
      statements.insertOutbox.run(
        o.id,
        o.enrolmentId,
        o.caseId,
        o.journeyId,
        o.version,
        o.nodeId,
        o.channel,
        o.template,
        o.locale,
        o.status,
        o.reason,
        o.recipient,
        o.subject,
        o.html,
        o.text,
        o.createdAt,
        o.sentAt,
      )
    }
    for (const t of batch.tasks)
      if (!erased.has(t.caseId)) statements.insertTask.run(t.id, t.outboxId, t.caseId, t.enrolmentId, t.queue, t.priority, t.script, t.createdAt)
    for (const a of batch.audit)
      if (!erased.has(a.caseId)) statements.insertAudit.run(a.caseId, a.enrolmentId, a.at, a.kind, a.nodeId, JSON.stringify(a.detail))
    // The engine's own events first: those this batch applied already are marked below.
    for (const e of batch.emitted) {
      if (!erased.has(e.caseId)) statements.insertEvent.run(e.id, e.caseId, 'runtime', e.key, e.type, e.at, JSON.stringify(e.data), e.at)
    }
    for (const a of batch.arrangements.values()) {
      if (erased.has(a.caseId)) continue
      statements.upsertArrangement.run(
        a.id,
        a.caseId,
        a.kind,
        a.status,
        a.via,
        a.interval,
        a.graceDays,
        a.missesToBreak,
        JSON.stringify(a.instalments),
        JSON.stringify(a.payments),
        a.madeAt,
        a.updatedAt,
        JSON.stringify(a.answered),
      )
    }
    for (const o of batch.offers) {
      if (!erased.has(o.caseId))
        statements.insertOffer.run(o.id, o.enrolmentId, o.caseId, o.journeyId, o.version, o.nodeId, JSON.stringify(o.terms), o.madeAt, o.expiresAt)
    }
    for (const id of batch.eventsProcessed) statements.markProcessed.run(processedAt, id)
    for (const s of batch.splitAssignments) statements.insertSplit.run(s.caseId, s.journeyId, s.nodeId, s.variant, s.at)
    for (const h of batch.holdsAdded) statements.addHold.run(h.caseId, h.kind, h.since)
    for (const h of batch.holdsReleased) statements.releaseHold.run(h.caseId, h.kind)
    for (const o of batch.optouts) statements.addOptout.run(o.caseId, o.channel, o.at)
    for (const [caseId, p] of batch.preferences) if (!erased.has(caseId)) statements.savePreferences.run(caseId, p.channel, p.timeOfDay, p.locale, p.at)
    // Claimed but beyond this batch's horizon: free for the next batch at once.
    statements.releaseTimers.run(owner)
    statements.releaseEvents.run(owner)
  })

  const finish = sqlite.transaction((results: DeliveryOutcome[]) => {
    for (const r of results) {
      if ('sentAt' in r) {
        statements.markSent.run(r.status, r.sentAt, r.text, r.id)
        statements.insertDelivery.run(r.sentAt, r.status, null, r.id)
      } else {
        statements.markAttempt.run(r.status, r.attempts, r.reason, r.retryAt, r.id)
        statements.insertDelivery.run(r.at, r.status, r.reason, r.id)
      }
    }
  })

  const insertEvents = sqlite.transaction((rows: EventRow[]) =>
    rows.map(
      (r) => statements.insertEvent.run(eventRowId(r.source, r.caseId, r.key), r.caseId, r.source, r.key, r.type, r.at, r.data, r.receivedAt).changes > 0,
    ),
  )

  return {
    async caseCurrencies(ids) {
      return new Map((statements.caseCurrencies.all(JSON.stringify(ids)) as { id: string; currency: string }[]).map((row) => [row.id, row.currency]))
    },

    async insertEvents(rows) {
      return insertEvents(rows)
    },

    async claimOutbox(limit, owner, leaseUntil) {
      const leaseNow = Date.now()
      const rows = await db
        .updateTable('outbox')
        .set({ lease_owner: owner, lease_until: leaseUntil })
        .where('id', 'in', (qb) =>
          qb
            .selectFrom('outbox')
            .select('id')
            .where('status', '=', 'pending')
            .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', leaseNow)]))
            .orderBy('created_at')
            .limit(limit),
        )
        .returning(['id', 'case_id', 'channel', 'recipient', 'subject', 'html', 'text', 'locale', 'attempts', 'sending_since'])
        .execute()
      return rows.map((row) => ({
        id: row.id,
        caseId: row.case_id,
        channel: row.channel,
        recipient: row.recipient,
        subject: row.subject,
        html: row.html,
        text: row.text,
        locale: row.locale,
        attempts: row.attempts,
        interrupted: row.sending_since !== null,
      }))
    },

    async markSending(id, at) {
      statements.markSending.run(at, id)
    },

    async finishDeliveries(results) {
      finish(results)
    },

    async claimDue(now, limit, owner, leaseUntil) {
      const leaseNow = Date.now()
      const events = await db
        .updateTable('events')
        .set({ lease_owner: owner, lease_until: leaseUntil })
        .where('id', 'in', (qb) =>
          qb
            .selectFrom('events')
            .select('id')
            .where('processed_at', 'is', null)
            .where('at', '<=', now)
            .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', leaseNow)]))
            .orderBy('at')
            .orderBy('key')
            .orderBy('id')
            .limit(limit),
        )
        .returningAll()
        .execute()
      const timers = await db
        .updateTable('timers')
        .set({ lease_owner: owner, lease_until: leaseUntil })
        .where('id', 'in', (qb) =>
          qb
            .selectFrom('timers')
            .select('id')
            .where('held', '=', 0)
            .where('due_at', '<=', now)
            .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', leaseNow)]))
            .orderBy('due_at')
            .orderBy('id')
            .limit(limit),
        )
        .returningAll()
        .execute()
      return {
        events: events.map((row) => ({
          id: row.id,
          key: row.key ?? row.id,
          caseId: row.case_id,
          type: row.type,
          at: Number(row.at),
          data: JSON.parse(row.data),
        })),
        timers: timers.map((row) => ({
          id: row.id,
          enrolmentId: row.enrolment_id,
          caseId: row.case_id,
          nodeId: row.node_id,
          kind: row.kind,
          dueAt: Number(row.due_at),
        })),
      }
    },

    async nextDueAt() {
      const event = await db
        .selectFrom('events')
        .select((eb) => eb.fn.min('at').as('at'))
        .where('processed_at', 'is', null)
        .executeTakeFirst()
      const timer = await db
        .selectFrom('timers')
        .select((eb) => eb.fn.min('due_at').as('at'))
        .where('held', '=', 0)
        .executeTakeFirst()
      const times = [event?.at, timer?.at].filter((time): time is number => time !== null && time !== undefined).map(Number)
      return times.length > 0 ? Math.min(...times) : null
    },

    async backlog(now) {
      const events = statements.dueEvents.get(now) as { count: number; oldest: number | null }
      const timers = statements.dueTimers.get(now) as { count: number; oldest: number | null }
      const outbox = statements.pendingOutbox.get() as { count: number }
      const oldest = [events.oldest, timers.oldest].filter((at): at is number => at !== null)
      return { events: events.count, timers: timers.count, outbox: outbox.count, oldestDueAt: oldest.length > 0 ? Math.min(...oldest) : null }
    },

    async loadCases(ids) {
      const rows = await inChunks(ids, (part) => db.selectFrom('cases').selectAll().where('id', 'in', part).execute())
      const preferences = new Map(
        (await inChunks(ids, (part) => db.selectFrom('debtor_preferences').selectAll().where('case_id', 'in', part).execute())).map((row) => [
          row.case_id,
          { channel: row.channel, timeOfDay: row.time_of_day, locale: row.locale },
        ]),
      )
      return new Map(
        rows.map((row) => {
          const record = caseFromRow(row)
          const preferred = preferences.get(row.id)
          return [row.id, preferred ? { ...record, preferences: preferred } : record]
        }),
      )
    },

    async loadEnrolments(caseIds) {
      return (await inChunks(caseIds, (part) => db.selectFrom('enrolments').selectAll().where('case_id', 'in', part).execute())).map(enrolmentFromRow)
    },

    async loadOptouts(caseIds) {
      const rows = await inChunks(caseIds, (part) => db.selectFrom('optouts').select(['case_id', 'channel']).where('case_id', 'in', part).execute())
      return rows.map((row) => ({ caseId: row.case_id, channel: row.channel }))
    },

    async loadHolds(caseIds) {
      const rows = await inChunks(caseIds, (part) => db.selectFrom('case_holds').select(['case_id', 'kind']).where('case_id', 'in', part).execute())
      return rows.map((row) => ({ caseId: row.case_id, kind: row.kind }))
    },

    async loadSplitAssignments(caseIds) {
      const rows = await inChunks(caseIds, (part) => db.selectFrom('split_assignments').selectAll().where('case_id', 'in', part).execute())
      return rows.map((row) => ({ caseId: row.case_id, journeyId: row.journey_id, nodeId: row.node_id, variant: row.variant }))
    },

    async loadArrangements(caseIds) {
      const rows = await inChunks(caseIds, (part) =>
        db.selectFrom('arrangements').selectAll().where('case_id', 'in', part).orderBy('made_at').orderBy('id').execute(),
      )
      return rows.map(arrangementFromRow)
    },

    async loadOffers(caseIds) {
      const rows = await inChunks(caseIds, (part) =>
        db.selectFrom('offers').selectAll().where('case_id', 'in', part).orderBy('made_at').orderBy(sql`rowid`).execute(),
      )
      return rows.map(offerFromRow)
    },

    async loadRecentSends(caseIds, channels, since) {
      if (channels.length === 0) return []
      const rows = await inChunks(caseIds, (part) =>
        db
          .selectFrom('outbox')
          .select(['case_id', 'channel', 'created_at', 'journey_id'])
          .where('case_id', 'in', part)
          .where('channel', 'in', channels)
          // Pending, sent or recorded: whatever reached (or is on its way to) the debtor.
          .where('status', 'not in', ['suppressed', 'failed'])
          .where('created_at', '>=', since)
          .execute(),
      )
      return rows.map((row) => ({ caseId: row.case_id, channel: row.channel, at: Number(row.created_at), journeyId: row.journey_id }))
    },

    async loadRecentEvents(caseIds, types, since) {
      if (types.length === 0) return []
      const rows = await inChunks(caseIds, (part) =>
        db
          .selectFrom('events')
          .select(['case_id', 'type', 'at'])
          .where('case_id', 'in', part)
          .where('type', 'in', types)
          .where('at', '>=', since)
          .where('processed_at', 'is not', null)
          .execute(),
      )
      return rows.map((row) => ({ caseId: row.case_id, type: row.type, at: Number(row.at) }))
    },

    async purgeFreedPages() {
      const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
      return result?.busy === 0
    },

    async commit(batch, owner) {
      write(batch, Date.now(), owner)
    },
  }
}
