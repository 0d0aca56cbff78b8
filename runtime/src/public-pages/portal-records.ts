import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { DebtorPreferences } from '../engine/records'

/**
 * Stores a dispute's document, once per submission (a form sent twice stores one); its id, carried by the
 * `dispute.opened` event, derives from the submission's random id and is as unguessable.
 */
export async function saveDocument(
  db: Kysely<Database>,
  document: { caseId: string; submission: string; mediaType: string; bytes: Uint8Array; now: number },
): Promise<string> {
  const id = `doc_${createHash('sha256').update(`${document.caseId}\n${document.submission}`).digest('hex').slice(0, 32)}`
  await db
    .insertInto('documents')
    .values({
      id,
      case_id: document.caseId,
      media_type: document.mediaType,
      size: document.bytes.length,
      bytes: Buffer.from(document.bytes),
      created_at: document.now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute()
  return id
}

export type { DebtorPreferences }

export async function readPreferences(db: Kysely<Database>, caseId: string): Promise<DebtorPreferences | undefined> {
  const row = await db.selectFrom('debtor_preferences').selectAll().where('case_id', '=', caseId).executeTakeFirst()
  return row ? { channel: row.channel, timeOfDay: row.time_of_day, locale: row.locale } : undefined
}

/** The debtor's contact preferences, replaced as a whole (a field left open is no preference). */
export async function savePreferences(db: Kysely<Database>, caseId: string, preferences: DebtorPreferences, now: number): Promise<void> {
  const values = { channel: preferences.channel, time_of_day: preferences.timeOfDay, locale: preferences.locale, updated_at: now }
  await db
    .insertInto('debtor_preferences')
    .values({ case_id: caseId, ...values })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
    .execute()
}

/** Queues the portal's tasks go to: an agent checks a dispute; the care team calls back about hardship. */
export const portalQueues = { dispute: 'disputes', hardship: 'care' } as const

/**
 * An agent task for what the debtor told the portal, once per submission (`key`); attached to the case's latest
 * enrolment, if any, so that its outcome flows back like a call's. Above ordinary call tasks: someone is waiting.
 */
export async function openPortalTask(
  db: Kysely<Database>,
  task: { caseId: string; kind: keyof typeof portalQueues; key: string; script: string; now: number },
): Promise<void> {
  const enrolment = await db.selectFrom('enrolments').select('id').where('case_id', '=', task.caseId).orderBy('entered_at', 'desc').limit(1).executeTakeFirst()
  const id = `portal/${task.kind}/${task.key}`
  await db
    .insertInto('tasks')
    .values({
      id,
      // The unique column a call task fills with its message: here the submission, so a form sent twice is one task.
      outbox_id: id,
      case_id: task.caseId,
      enrolment_id: enrolment?.id ?? '',
      queue: portalQueues[task.kind],
      priority: 10,
      status: 'open',
      script: task.script,
      claimed_by: null,
      claimed_key: null,
      outcome: null,
      created_at: task.now,
      completed_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute()
}
