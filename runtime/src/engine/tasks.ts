import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

/** What an agent can record after a call, and the event each one sends back into the journey. */
export const taskOutcomes = {
  'right-party-contact': 'call.connected',
  'promise-to-pay': 'promise.made',
  'payment-plan': 'plan.agreed',
  'no-answer': 'call.no-answer',
  'wrong-number': 'call.wrong-number',
  dispute: 'dispute.opened',
  hardship: 'hardship.reported',
  paid: 'call.paid-reported',
} as const

export type TaskOutcome = keyof typeof taskOutcomes

export interface TaskView {
  id: string
  caseId: string
  enrolmentId: string
  queue: string
  priority: number
  status: 'open' | 'claimed' | 'done' | 'cancelled'
  script: string | null
  claimedBy: string | null
  outcome: string | null
  createdAt: string
  completedAt: string | null
}

function view(row: {
  id: string
  case_id: string
  enrolment_id: string
  queue: string
  priority: number
  status: 'open' | 'claimed' | 'done' | 'cancelled'
  script: string | null
  claimed_by: string | null
  outcome: string | null
  created_at: number
  completed_at: number | null
}): TaskView {
  return {
    id: row.id,
    caseId: row.case_id,
    enrolmentId: row.enrolment_id,
    queue: row.queue,
    priority: row.priority,
    status: row.status,
    script: row.script,
    claimedBy: row.claimed_by,
    outcome: row.outcome,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    completedAt: row.completed_at === null ? null : new Date(Number(row.completed_at)).toISOString(),
  }
}

export async function listTasks(db: Kysely<Database>, filter: { queue?: string; status?: string; limit: number }): Promise<TaskView[]> {
  let query = db.selectFrom('tasks').selectAll().orderBy('priority', 'desc').orderBy('created_at').limit(filter.limit)
  if (filter.queue) query = query.where('queue', '=', filter.queue)
  if (filter.status) query = query.where('status', '=', filter.status as 'open')
  return (await query.execute()).map(view)
}

/** Takes an open task for an agent, on behalf of the API key `claimant`; only one agent gets it. */
export async function claimTask(db: Kysely<Database>, id: string, agent: string, claimant: string): Promise<TaskView | 'missing' | 'taken'> {
  const result = await db
    .updateTable('tasks')
    .set({ status: 'claimed', claimed_by: agent, claimed_key: claimant })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return 'missing'
  return Number(result.numUpdatedRows) > 0 ? view(row) : 'taken'
}

/**
 * Records the call's outcome; the caller turns it into the event that flows back into the journey. A claimed task
 * is completed only by the key that claimed it, or by one that may supervise (`'not-yours'` otherwise); a task of an
 * erased case is `'cancelled'`.
 */
export async function completeTask(
  db: Kysely<Database>,
  id: string,
  outcome: TaskOutcome,
  now: number,
  by: { principal: string; supervise: boolean },
): Promise<TaskView | 'missing' | 'done' | 'cancelled' | 'not-yours'> {
  let update = db.updateTable('tasks').set({ status: 'done', outcome, completed_at: now }).where('id', '=', id).where('status', 'in', ['open', 'claimed'])
  if (!by.supervise) update = update.where((eb) => eb.or([eb('claimed_key', 'is', null), eb('claimed_key', '=', by.principal)]))
  const result = await update.executeTakeFirst()
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return 'missing'
  if (Number(result.numUpdatedRows) > 0) return view(row)
  return row.status === 'done' ? 'done' : row.status === 'cancelled' ? 'cancelled' : 'not-yours'
}
