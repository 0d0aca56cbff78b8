import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/database'
import type { InstalmentView, PlanView, PromiseView } from '@dunwell/contract'
import { arrangementFromRow, caseFromRow } from '../db/rows'
import type { ArrangementRecord } from './records'
import { type NamedValue, namedValues, redact } from '../privacy/redact'
import { fromMinorUnits } from '../wire/money'

/** A case as the API shows it: money in major units, with its enrolments, holds and opt-outs. */
export async function getCase(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const record = caseFromRow(row)
  const enrolments = await db.selectFrom('enrolments').selectAll().where('case_id', '=', id).orderBy('entered_at').execute()
  const holds = await db.selectFrom('case_holds').select(['kind', 'since']).where('case_id', '=', id).execute()
  const optouts = await db.selectFrom('optouts').select(['channel', 'at']).where('case_id', '=', id).execute()
  const arrangements = (await db.selectFrom('arrangements').selectAll().where('case_id', '=', id).orderBy('made_at').orderBy('id').execute()).map(
    arrangementFromRow,
  )
  return {
    id: record.id,
    debtor: record.debtor,
    amountDue: fromMinorUnits(record.amountDue, record.currency),
    balance: fromMinorUnits(record.balance, record.currency),
    currency: record.currency,
    dueDate: record.dueDate,
    attributes: record.attributes,
    enrolments: enrolments.map((e) => ({
      id: e.id,
      journeyId: e.journey_id,
      version: e.version,
      node: e.node,
      status: e.status,
      outcome: e.outcome,
      enteredAt: new Date(Number(e.entered_at)).toISOString(),
      endedAt: e.ended_at === null ? null : new Date(Number(e.ended_at)).toISOString(),
    })),
    holds: holds.map((h) => ({ kind: h.kind, since: new Date(Number(h.since)).toISOString() })),
    optouts: optouts.map((o) => ({ channel: o.channel, at: new Date(Number(o.at)).toISOString() })),
    promises: arrangements.filter((a) => a.kind === 'promise').map((a) => promiseView(a, record.currency)),
    plans: arrangements.filter((a) => a.kind === 'plan').map((a) => planView(a, record.currency)),
  }
}

function instalmentViews(arrangement: ArrangementRecord, currency: string): InstalmentView[] {
  return arrangement.instalments.map((i, index) => ({
    number: index + 1,
    dueDate: i.dueDate,
    amount: fromMinorUnits(i.amount, currency),
    paid: fromMinorUnits(i.paid, currency),
    status: i.paid >= i.amount ? 'paid' : i.missed ? 'missed' : 'open',
  }))
}

function promiseView(arrangement: ArrangementRecord, currency: string): PromiseView {
  const [only] = instalmentViews(arrangement, currency)
  return {
    id: arrangement.id,
    status: arrangement.status,
    date: only!.dueDate,
    amount: only!.amount,
    paid: only!.paid,
    via: arrangement.via,
    madeAt: new Date(arrangement.madeAt).toISOString(),
  }
}

function planView(arrangement: ArrangementRecord, currency: string): PlanView {
  const total = arrangement.instalments.reduce((sum, i) => sum + i.amount, 0)
  const paid = arrangement.instalments.reduce((sum, i) => sum + i.paid, 0)
  return {
    id: arrangement.id,
    status: arrangement.status,
    interval: arrangement.interval,
    total: fromMinorUnits(total, currency),
    paid: fromMinorUnits(paid, currency),
    via: arrangement.via,
    madeAt: new Date(arrangement.madeAt).toISOString(),
    instalments: instalmentViews(arrangement, currency),
  }
}

/** Trail entries that hold what the case's data was: kept as the fact that they happened, without their detail. */
const blankedKinds = new Set(['event', 'action', 'event-rejected'])

/** A trail entry's detail with every value of the case's personal data replaced by its field's name. */
function scrubDetail(kind: string, detail: string, values: NamedValue[]): string {
  const parsed = JSON.parse(detail) as Record<string, unknown>
  if (blankedKinds.has(kind)) return JSON.stringify(typeof parsed.type === 'string' ? { type: parsed.type } : {})
  const walk = (value: unknown): unknown =>
    typeof value === 'string'
      ? redact(value, values)
      : Array.isArray(value)
        ? value.map(walk)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]))
          : value
  return JSON.stringify(walk(parsed))
}

/**
 * GDPR erasure: the debtor's personal data goes from every table (name, contact points, address, birth date,
 * message texts and reasons, event payloads and the keys clients gave them, free attributes, trail details); what
 * remains is the bare ledger (ids, amounts, dates, outcomes) that accounting must keep. Journeys of the case stop, its
 * open tasks are cancelled, its links lead nowhere, and it takes no more events or updates. Returns false for an
 * unknown case. The caller then has the store overwrite the freed pages (`purgeFreedPages`).
 */
export async function eraseCase(db: Kysely<Database>, id: string, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()
    if (!found) return false
    const clientKeys = await trx.selectFrom('events').select('key').where('case_id', '=', id).where('source', '=', 'client').execute()
    const values = [
      ...namedValues(JSON.parse(found.debtor), 'debtor'),
      ...namedValues(JSON.parse(found.attributes), 'case.attributes'),
      ...clientKeys.flatMap((row) => (row.key ? namedValues(row.key, 'event.id') : [])),
    ]
    await trx
      .updateTable('cases')
      .set({ debtor: JSON.stringify({}), attributes: JSON.stringify({ erased: true }), updated_at: now, erased_at: found.erased_at ?? now })
      .where('id', '=', id)
      .execute()
    await trx.updateTable('outbox').set({ recipient: null, subject: null, html: null, text: null }).where('case_id', '=', id).execute()
    await trx.updateTable('outbox').set({ status: 'suppressed', reason: 'case erased' }).where('case_id', '=', id).where('status', '=', 'pending').execute()
    for (const row of await trx.selectFrom('outbox').select(['id', 'reason']).where('case_id', '=', id).where('reason', 'is not', null).execute()) {
      const reason = redact(row.reason!, values)
      if (reason !== row.reason) await trx.updateTable('outbox').set({ reason }).where('id', '=', row.id).execute()
    }
    await trx
      .updateTable('message_deliveries')
      .set({ reason: null })
      .where('outbox_id', 'in', (qb) => qb.selectFrom('outbox').select('id').where('case_id', '=', id))
      .execute()
    await trx.updateTable('tasks').set({ script: null }).where('case_id', '=', id).execute()
    // What the debtor gave through the portal is theirs: documents and preferences go entirely.
    await trx.deleteFrom('documents').where('case_id', '=', id).execute()
    await trx.deleteFrom('debtor_preferences').where('case_id', '=', id).execute()
    // What its journeys offered the debtor goes too: an erased case has no portal to show it on.
    await trx.deleteFrom('offers').where('case_id', '=', id).execute()
    await trx
      .updateTable('tasks')
      .set({ status: 'cancelled', completed_at: now })
      .where('case_id', '=', id)
      .where('status', 'in', ['open', 'claimed'])
      .execute()
    // Payments keep their amount (the ledger); everything else an event carried goes, and so do the keys clients chose.
    await trx.updateTable('events').set({ data: '{}' }).where('case_id', '=', id).where('type', '!=', 'payment.received').execute()
    await trx
      .updateTable('events')
      .set({ data: sql<string>`json_object('amount', json_extract(data, '$.amount'))` })
      .where('case_id', '=', id)
      .where('type', '=', 'payment.received')
      .execute()
    await trx.updateTable('events').set({ key: null, id: sql<string>`'ev_erased_' || lower(hex(randomblob(20)))` }).where('case_id', '=', id).execute()
    // Events still waiting for the engine must not start a journey for a case that is gone.
    await trx.updateTable('events').set({ processed_at: now }).where('case_id', '=', id).where('processed_at', 'is', null).execute()
    for (const row of await trx.selectFrom('audit').select(['id', 'kind', 'detail']).where('case_id', '=', id).execute()) {
      const detail = scrubDetail(row.kind, row.detail, values)
      if (detail !== row.detail) await trx.updateTable('audit').set({ detail }).where('id', '=', row.id).execute()
    }
    await trx
      .updateTable('enrolments')
      .set({ status: 'stopped', ended_at: now, updated_at: now })
      .where('case_id', '=', id)
      .where('status', 'in', ['active', 'paused'])
      .execute()
    await trx.deleteFrom('timers').where('case_id', '=', id).execute()
    // A payment's id in a plan may be a key the client chose; the schedule and the amounts stay (the ledger).
    await trx
      .updateTable('arrangements')
      .set({ payments: '[]', status: sql<'replaced'>`iif(status = 'active', 'replaced', status)`, updated_at: now })
      .where('case_id', '=', id)
      .execute()
    await trx.insertInto('audit').values({ case_id: id, enrolment_id: null, at: now, kind: 'erased', node_id: null, detail: '{}' }).execute()
    return true
  })
}
