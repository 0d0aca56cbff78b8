import { DAYS_PAST_DUE_EVENT } from '@dunwell/journey'
import type { EventInput } from '@dunwell/contract'
import type { Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../db/database'
import type { BatchRun } from './batch-run'
import { notEnrolled } from './control-events'
import type { CompiledVersion } from './journey-cache'
import type { CaseRecord, EventRecord } from './records'

const DAY = 86_400_000

/** The calendar date `days` after an ISO date. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)
}

/** The moment it is `time` on `date` in `zone` (the policy's zone when the debtor's is not one). */
function localMoment(date: string, time: string, zone: string, defaultZone: string): number {
  const at = DateTime.fromISO(`${date}T${time}`, { zone })
  return (at.isValid ? at : DateTime.fromISO(`${date}T${time}`, { zone: defaultZone })).toMillis()
}

/** The cases with something open whose due date is from `first` to `last`: a range of the due-date index. */
export function casesDueBetween(db: Kysely<Database>, first: string, last: string) {
  return (
    db
      .selectFrom('cases')
      .select(['id', 'debtor', 'due_date'])
      .where('erased_at', 'is', null)
      .where('due_date', '>=', first)
      .where('due_date', '<=', last)
      // A case with nothing left to pay is not past due.
      .where('balance', '>', 0)
  )
}

/** The settings key under which a journey's sweep remembers how far it has looked. */
export const sweptKey = (journeyId: string) => `days-past-due-swept/${journeyId}`

/**
 * The entries by days past due that fall in (`from`, `to`]: for each case whose due date + N, at the entry's local
 * time in the debtor's zone, lies in that span, one runtime event at that moment. Its key names the journey and the
 * day, so a case enters once per trigger day, however often the span is looked at again. Only cases whose due date
 * can fall in the span are read (an index on the due date): every zone is within a day of UTC.
 */
export async function daysPastDueEntries(
  db: Kysely<Database>,
  version: CompiledVersion,
  from: number,
  to: number,
  defaultTimezone: string,
): Promise<EventInput[]> {
  const trigger = version.trigger.daysPastDue
  if (!trigger || to <= from) return []
  const first = addDays(new Date(from).toISOString().slice(0, 10), -1 - trigger.days)
  const last = addDays(new Date(to).toISOString().slice(0, 10), 1 - trigger.days)
  const rows = await casesDueBetween(db, first, last).execute()
  const events: EventInput[] = []
  for (const row of rows) {
    const day = addDays(row.due_date.slice(0, 10), trigger.days)
    const zone = (JSON.parse(row.debtor) as { timezone?: string }).timezone ?? defaultTimezone
    const at = localMoment(day, trigger.at, zone, defaultTimezone)
    if (at <= from || at > to) continue
    events.push({
      id: `days-past-due/${version.journeyId}/${day}`,
      type: DAYS_PAST_DUE_EVENT,
      caseId: row.id,
      at: new Date(at).toISOString(),
      data: { journeyId: version.journeyId, daysPastDue: trigger.days },
    })
  }
  return events
}

/** A days-past-due event enrols the case in the journey it names, by the journey's filter and re-entry rules. */
export async function applyDaysPastDue(run: BatchRun, record: CaseRecord, event: EventRecord, now: number): Promise<void> {
  const journeyId = event.data.journeyId
  const version = (run.deps.triggers().get(DAYS_PAST_DUE_EVENT) ?? []).find((v) => v.journeyId === journeyId)
  if (!version) return notEnrolled(run, record, journeyId, 'the journey no longer enters cases by days past due', now)
  await run.enrol(record, version, { type: event.type, data: event.data }, now)
}
