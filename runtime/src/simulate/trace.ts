import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { timeline } from '../engine/timeline'
import type { CaseTrace, TracedMessage, TraceStep } from '@dunwell/contract'

export type { CaseTrace, TracedMessage, TraceStep } from '@dunwell/contract'

/**
 * How many cases one simulation traces at most, how many steps per case, and how many bytes of email HTML in all: a
 * trace is for reading, not bulk.
 */
export const TRACE_LIMITS = { cases: 20, steps: 1000, htmlBytes: 4_000_000 }

/** A trace asked for cases it cannot give: too many, or ones the simulation does not have. */
export class TraceRequestError extends Error {}

/** Which cases to trace: `true` for all of them (a few), or their ids. */
export function tracedCases<T extends { id: string }>(cases: T[], trace: true | string[]): T[] {
  if (trace === true) {
    if (cases.length > TRACE_LIMITS.cases)
      throw new TraceRequestError(`trace: true traces every case, at most ${TRACE_LIMITS.cases}; this simulation has ${cases.length}: name the cases to trace`)
    return cases
  }
  if (trace.length > TRACE_LIMITS.cases) throw new TraceRequestError(`at most ${TRACE_LIMITS.cases} cases can be traced, not ${trace.length}`)
  const byId = new Map(cases.map((item) => [item.id, item]))
  const unknown = trace.filter((id) => !byId.has(id))
  if (unknown.length > 0) throw new TraceRequestError(`no case ${unknown.map((id) => `"${id}"`).join(', ')} in this simulation to trace`)
  return [...new Set(trace)].map((id) => byId.get(id)!)
}

/** Every decision of the traced cases, read back from the audit trail and the outbox the engine wrote. */
export async function buildTraces(
  db: Kysely<Database>,
  cases: { id: string; timezone?: string | undefined }[],
  defaultTimezone: string,
  limits: Pick<typeof TRACE_LIMITS, 'steps' | 'htmlBytes'> = TRACE_LIMITS,
): Promise<Record<string, CaseTrace>> {
  const traces: Record<string, CaseTrace> = {}
  let htmlLeft = limits.htmlBytes
  for (const { id, timezone } of cases) {
    const entries = await timeline(db, id)
    const truncated = entries.length > limits.steps
    const steps: TraceStep[] = entries.slice(0, limits.steps)
    const outboxIds = steps.map((step) => step.detail.outboxId).filter((outboxId): outboxId is string => typeof outboxId === 'string')
    const rows = outboxIds.length
      ? await db
          .selectFrom('outbox')
          .select(['id', 'channel', 'template', 'locale', 'status', 'reason', 'recipient', 'subject', 'text', 'html'])
          .where('id', 'in', outboxIds)
          .execute()
      : []
    const messages = new Map(rows.map((row) => [row.id, row]))
    for (const step of steps) {
      const row = typeof step.detail.outboxId === 'string' ? messages.get(step.detail.outboxId) : undefined
      if (!row) continue
      step.message = {
        id: row.id,
        channel: row.channel,
        template: row.template,
        locale: row.locale,
        status: row.status,
        ...(row.reason ? { reason: row.reason } : {}),
        recipient: row.recipient,
        ...(row.subject ? { subject: row.subject } : {}),
        ...(row.text ? { text: row.text } : {}),
      }
      if (row.html && row.html.length <= htmlLeft) {
        step.message.html = row.html
        htmlLeft -= row.html.length
      } else if (row.html) step.message.htmlOmitted = true
    }
    traces[id] = { timezone: timezone ?? defaultTimezone, steps, ...(truncated ? { truncated: true as const } : {}) }
  }
  return traces
}
