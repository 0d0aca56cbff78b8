import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { caseFromRow } from '../db/rows'
import { fromMinorUnits } from '../wire/money'

/** A case as the API shows it: money in major units, with its enrolments, holds and opt-outs. */
export async function getCase(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const record = caseFromRow(row)
  const enrolments = await db.selectFrom('enrolments').selectAll().where('case_id', '=', id).orderBy('entered_at').execute()
  const holds = await db.selectFrom('case_holds').select(['kind', 'since']).where('case_id', '=', id).execute()
  const optouts = await db.selectFrom('optouts').select(['channel', 'at']).where('case_id', '=', id).execute()
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
  }
}

/**
 * GDPR erasure: the debtor's personal data goes from every table (name, contact points, address, birth date,
 * message texts, event payloads, free attributes); what remains is the bare ledger (ids, amounts, dates, outcomes)
 * that accounting must keep. Journeys of the case stop. Returns false for an unknown case.
 */
export async function eraseCase(db: Kysely<Database>, id: string, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst()
    if (!found) return false
    await trx
      .updateTable('cases')
      .set({ debtor: JSON.stringify({}), attributes: JSON.stringify({ erased: true }), updated_at: now })
      .where('id', '=', id)
      .execute()
    await trx.updateTable('outbox').set({ recipient: null, subject: null, html: null, text: null }).where('case_id', '=', id).execute()
    await trx.updateTable('outbox').set({ status: 'suppressed', reason: 'case erased' }).where('case_id', '=', id).where('status', '=', 'pending').execute()
    await trx.updateTable('tasks').set({ script: null }).where('case_id', '=', id).execute()
    await trx.updateTable('events').set({ data: '{}' }).where('case_id', '=', id).execute()
    // Events still waiting for the engine must not start a journey for a case that is gone.
    await trx.updateTable('events').set({ processed_at: now }).where('case_id', '=', id).where('processed_at', 'is', null).execute()
    await trx.updateTable('audit').set({ detail: '{}' }).where('case_id', '=', id).where('kind', 'in', ['event', 'action']).execute()
    const open = await trx.selectFrom('enrolments').select('id').where('case_id', '=', id).where('status', 'in', ['active', 'paused']).execute()
    await trx
      .updateTable('enrolments')
      .set({ status: 'stopped', ended_at: now, updated_at: now })
      .where('case_id', '=', id)
      .where('status', 'in', ['active', 'paused'])
      .execute()
    if (open.length > 0)
      await trx
        .deleteFrom('timers')
        .where(
          'enrolment_id',
          'in',
          open.map((e) => e.id),
        )
        .execute()
    await trx.insertInto('audit').values({ case_id: id, enrolment_id: null, at: now, kind: 'erased', node_id: null, detail: '{}' }).execute()
    return true
  })
}
