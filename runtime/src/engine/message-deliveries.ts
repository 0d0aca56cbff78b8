import type { MessageDetail, MessageStatus, MessageView } from '@dunwell/contract'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database } from '../db/database'

/**
 * A provider's report (delivered, bounced, failed) becomes the message's status and an entry in its history. The
 * provider's retries of one report are one entry; a case erased meanwhile keeps no reason (it may name the debtor).
 */
export async function recordProviderReport(
  db: Kysely<Database>,
  outboxId: string,
  status: Extract<MessageStatus, 'delivered' | 'bounced' | 'failed'>,
  reason: string | null,
  at: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('outbox')
      .innerJoin('cases', 'cases.id', 'outbox.case_id')
      .select('outbox.id')
      .where('outbox.id', '=', outboxId)
      .where('cases.erased_at', 'is', null)
      .executeTakeFirst()
    if (!live) return
    const inserted = await trx
      .insertInto('message_deliveries')
      .values({ outbox_id: outboxId, key: `provider/${status}`, at, status, reason, source: 'provider' })
      .onConflict((oc) => oc.columns(['outbox_id', 'key']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return
    await trx.updateTable('outbox').set({ status }).where('id', '=', outboxId).execute()
  })
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString())

/** The columns of a message's view, as the list and the detail read them. */
export const messageViewColumns = [
  'id',
  'case_id',
  'journey_id',
  'version',
  'node_id',
  'channel',
  'template',
  'locale',
  'status',
  'reason',
  'subject',
  'created_at',
  'sent_at',
  'attempts',
] as const

export function messageViewOf(row: Pick<Selectable<Database['outbox']>, (typeof messageViewColumns)[number]>): MessageView {
  return {
    id: row.id,
    caseId: row.case_id,
    journeyId: row.journey_id,
    version: row.version,
    nodeId: row.node_id,
    channel: row.channel,
    template: row.template,
    locale: row.locale,
    status: row.status,
    reason: row.reason,
    subject: row.subject,
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
    attempts: row.attempts,
  }
}

/** One message as rendered, with everything that happened to it since it was queued; undefined when there is none. */
export async function getMessage(db: Kysely<Database>, id: string): Promise<MessageDetail | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const deliveries = await db
    .selectFrom('message_deliveries')
    .select(['at', 'status', 'reason', 'source'])
    .where('outbox_id', '=', id)
    .orderBy('at')
    // In the order they were written: a provider's reports may share a second.
    .orderBy(sql`rowid`)
    .execute()
  return {
    ...messageViewOf(row),
    recipient: row.recipient,
    text: row.text,
    html: row.html,
    deliveries: deliveries.map((d) => ({ at: iso(d.at)!, status: d.status, reason: d.reason, source: d.source })),
  }
}
