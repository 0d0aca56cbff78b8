import { type Kysely, sql } from 'kysely'
import { type EventSource, eventRowId } from '../event-row-id'

interface OldEvent {
  rid: number
  id: string
  case_id: string
  type: string
  at: number
  data: string
  received_at: number
  processed_at: number | null
  lease_owner: string | null
  lease_until: number | null
}

const CHUNK = 1000

/**
 * Whose key an event stored before keys were scoped had. Only a key of the exact shape the runtime makes for that very
 * case counts as the runtime's: a client's `optout/<another case>/email` stays the client's (and stops pre-empting).
 */
async function sourceOf(db: Kysely<any>, row: OldEvent): Promise<EventSource> {
  const { id, type, case_id: caseId } = row
  if (type.startsWith('dunwell.')) return 'runtime'
  if (type === 'case.updated' && id.startsWith(`case.updated/${caseId}/`)) return 'runtime'
  if (id === `simulation-entry/${caseId}`) return 'runtime'
  if (type === 'optout' && id.startsWith(`optout/${caseId}/`)) {
    const data = JSON.parse(row.data) as { via?: unknown; channel?: unknown }
    return data.via === 'link' && id === `optout/${caseId}/${String(data.channel)}` ? 'runtime' : 'client'
  }
  // callback/<message id>/<status>/<type>: the message id may hold slashes, the last two parts do not.
  const callback = /^callback\/(.+)\/[^/]+\/[^/]+$/.exec(id)
  const task = /^task\/(.+)$/.exec(id)
  const owner = callback
    ? await db.selectFrom('outbox').select('case_id').where('id', '=', callback[1]!).executeTakeFirst()
    : task
      ? await db.selectFrom('tasks').select('case_id').where('id', '=', task[1]!).executeTakeFirst()
      : undefined
  return owner?.case_id === caseId ? 'runtime' : 'client'
}

/**
 * Events are keyed per case and source (`source`, `key`; the row id is `eventRowId` of them), and cases can be erased
 * for good (`erased_at`). Every stored event is kept, with its key and whether it was processed.
 */
export async function keyEvents(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('erased_at', 'bigint').execute()
  await db.schema
    .createTable('events_keyed')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // Null once the case is erased: a client's key may hold personal data.
    .addColumn('key', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .execute()
  let after = -1
  for (;;) {
    const { rows } = await sql<OldEvent>`select rowid as rid, * from events where rowid > ${after} order by rowid limit ${CHUNK}`.execute(db)
    if (rows.length === 0) break
    const values = []
    for (const row of rows) {
      const source = await sourceOf(db, row)
      values.push({
        id: eventRowId(source, row.case_id, row.id),
        case_id: row.case_id,
        source,
        key: row.id,
        type: row.type,
        at: row.at,
        data: row.data,
        received_at: row.received_at,
        processed_at: row.processed_at,
        lease_owner: row.lease_owner,
        lease_until: row.lease_until,
      })
    }
    await db.insertInto('events_keyed').values(values).execute()
    after = rows[rows.length - 1]!.rid
  }
  await db.schema.dropTable('events').execute()
  await db.schema.alterTable('events_keyed').renameTo('events').execute()
  await db.schema.createIndex('events_due').on('events').columns(['processed_at', 'at']).execute()
  await db.schema.createIndex('events_case').on('events').columns(['case_id', 'at']).execute()
}
