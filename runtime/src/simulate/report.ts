import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { SimulationReport } from '@dunwell/contract'

export type { SimulatedMessage, SimulationReport } from '@dunwell/contract'

/** What happened in a journey, read back from the database the engine wrote: nothing is counted on the side. */
export async function buildReport(
  db: Kysely<Database>,
  journeyId: string,
  meta: { start: Date; end: Date; nodeOrder: string[]; rejected: SimulationReport['rejected'] },
): Promise<SimulationReport> {
  const report: SimulationReport = {
    journey: journeyId,
    start: meta.start.toISOString(),
    end: meta.end.toISOString(),
    nodes: {},
    outcomes: {},
    messages: [],
    cases: {},
    splits: {},
    rejected: meta.rejected,
  }
  const entered = await db
    .selectFrom('audit')
    .select(['node_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('kind', '=', 'entered')
    .where('enrolment_id', 'like', `${journeyId}/%`)
    .groupBy('node_id')
    .execute()
  const counts = new Map(entered.map((row) => [row.node_id, Number(row.count)]))
  // In the journey's own order, with the nodes nobody reached as 0.
  for (const nodeId of meta.nodeOrder) report.nodes[nodeId] = { entered: counts.get(nodeId) ?? 0 }

  const enrolments = await db
    .selectFrom('enrolments')
    .select(['id', 'case_id', 'status', 'outcome'])
    .where('journey_id', '=', journeyId)
    .orderBy('entered_at')
    .execute()
  for (const enrolment of enrolments) {
    if (enrolment.outcome) report.outcomes[enrolment.outcome] = (report.outcomes[enrolment.outcome] ?? 0) + 1
    report.cases[enrolment.case_id] = { status: enrolment.status, ...(enrolment.outcome ? { outcome: enrolment.outcome } : {}), path: [] }
  }
  const refused = await db.selectFrom('audit').select(['case_id', 'detail']).where('kind', '=', 'not-enrolled').orderBy('id').execute()
  for (const row of refused) {
    if (!report.cases[row.case_id]) report.cases[row.case_id] = { status: 'not-enrolled', path: [], reason: String(JSON.parse(row.detail).reason) }
  }
  const paths = await db
    .selectFrom('audit')
    .select(['case_id', 'node_id'])
    .where('kind', '=', 'entered')
    .where('enrolment_id', 'like', `${journeyId}/%`)
    .orderBy('id')
    .execute()
  for (const row of paths) if (row.node_id) report.cases[row.case_id]?.path.push(row.node_id)

  const assignments = await db
    .selectFrom('split_assignments')
    .select(['case_id', 'node_id', 'variant'])
    .where('journey_id', '=', journeyId)
    .orderBy('assigned_at')
    .execute()
  for (const row of assignments) {
    const variants = (report.splits[row.node_id] ??= {})
    const variant = (variants[row.variant] ??= { cases: 0, outcomes: {} })
    variant.cases++
    const outcome = report.cases[row.case_id]?.outcome ?? 'still in the journey'
    variant.outcomes[outcome] = (variant.outcomes[outcome] ?? 0) + 1
  }

  const messages = await db
    .selectFrom('outbox')
    .select(['case_id', 'node_id', 'channel', 'template', 'locale', 'created_at', 'status', 'reason'])
    .where('journey_id', '=', journeyId)
    .where('channel', '!=', 'webhook')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  for (const row of messages) {
    const suppressed = row.status === 'suppressed' || row.status === 'failed'
    report.messages.push({
      caseId: row.case_id,
      nodeId: row.node_id,
      channel: row.channel,
      template: row.template,
      locale: row.locale,
      at: new Date(Number(row.created_at)).toISOString(),
      status: suppressed ? 'suppressed' : 'sent',
      ...(row.reason ? { reason: row.reason } : {}),
    })
  }
  return report
}
