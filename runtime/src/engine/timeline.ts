import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { TimelineEntry } from '@dunwell/contract'

export type { TimelineEntry }

/** Everything the engine did and decided for a case, in the order it happened, with its reasons. */
export async function timeline(db: Kysely<Database>, caseId: string): Promise<TimelineEntry[]> {
  const rows = await db.selectFrom('audit').selectAll().where('case_id', '=', caseId).orderBy('id').execute()
  return rows.map((row) => ({
    at: new Date(Number(row.at)).toISOString(),
    kind: row.kind,
    enrolmentId: row.enrolment_id,
    nodeId: row.node_id,
    detail: JSON.parse(row.detail),
  }))
}
