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

/** The cases with something open: a case with nothing left to pay is not past due. */
function openCases(db: Kysely<Database>) {
  return db.selectFrom('cases').select(['id', 'debtor', 'due_date', 'created_at']).where('erased_at', 'is', null).where('balance', '>', 0)
}

/** The open cases whose due date is from `first` to `last`: a range of the due-date index. */
export function casesDueBetween(db: Kysely<Database>, first: string, last: string) {
  return openCases(db).where('due_date', '>=', first).where('due_date', '<=', last)
}

/** The open cases created in (`after`, `until`], due by `last`: a range of the creation index. */
export function casesCreatedBetween(db: Kysely<Database>, after: number, until: number, last: string) {
  return openCases(db).where('created_at', '>', after).where('created_at', '<=', until).where('due_date', '<=', last)
}

/** The first moment at or after `time` that it is `at` o'clock in `zone`. */
function nextLocalMoment(time: number, at: string, zone: string, defaultZone: string): number {
  const local = DateTime.fromMillis(time, { zone })
  const date = (local.isValid ? local : DateTime.fromMillis(time, { zone: defaultZone })).toISODate()!
  const moment = localMoment(date, at, zone, defaultZone)
  return moment >= time ? moment : localMoment(addDays(date, 1), at, zone, defaultZone)
}

/** The settings key under which a journey's sweep remembers how far it has looked. */
export const sweptKey = (journeyId: string) => `days-past-due-swept/${journeyId}`

/**
 * The entries by days past due that fall in (`from`, `to`]: for each case whose due date + N, at the entry's local
 * time in the debtor's zone, lies in that span, one runtime event at that moment; a case created after that moment
 * (imported late, after the journey was published) enters at the next entry time after it was created. The event's key names the journey and the
 * day, so a case enters once per trigger day, however often the span is looked at again. Only cases whose due date
 * can fall in the span, or that were created in it, are read (indexes on both): every zone is within a day of UTC,
 * and the next entry time is within a day of any moment.
 */
export async function daysPastDueEntries(
  db: Kysely<Database>,
  version: CompiledVersion,
  from: number,
  to: number,
  defaultTimezone: string,
  /** When the journey was published: a case created before then does not enter late. */
  published = -Infinity,
): Promise<EventInput[]> {
  const trigger = version.trigger.daysPastDue
  if (!trigger || to <= from) return []
  const first = addDays(new Date(from).toISOString().slice(0, 10), -1 - trigger.days)
  const last = addDays(new Date(to).toISOString().slice(0, 10), 1 - trigger.days)
  const rows = new Map<string, { id: string; debtor: string; due_date: string; created_at: number }>()
  for (const row of await casesDueBetween(db, first, last).execute()) rows.set(row.id, row)
  for (const row of await casesCreatedBetween(db, Math.max(from - DAY, published), to, last).execute()) rows.set(row.id, row)
  const events: EventInput[] = []
  for (const row of rows.values()) {
    const day = addDays(row.due_date.slice(0, 10), trigger.days)
    const zone = (JSON.parse(row.debtor) as { timezone?: string }).timezone ?? defaultTimezone
    const onTheDay = localMoment(day, trigger.at, zone, defaultTimezone)
    const created = Number(row.created_at)
    const at = onTheDay >= created ? onTheDay : nextLocalMoment(created, trigger.at, zone, defaultTimezone)
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
