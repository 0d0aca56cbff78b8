import { z } from 'zod'
import { eventType, expression, isoDuration, nodeBase, timeOfDay } from '../common'
import { DEFAULT_HANDLE, defineNodeKind } from '../node-kind'

export const reentryModes = ['after-exit', 'never'] as const

/** The local time of day a days-past-due entry is evaluated at, when the entry does not say. */
export const DEFAULT_ENTRY_TIME = '09:00'

/** Who qualifies and how often: the same for every trigger. */
const admission = {
  /** Only cases for which this CEL expression is true are enrolled. */
  filter: expression.optional(),
  /**
   * May a case enter again? `after-exit` (default): once its previous enrolment has ended;
   * `never`: once per case, ever.
   */
  reentry: z.enum(reentryModes).optional(),
  /** With `after-exit`: how long after the previous exit a case may enter again. */
  cooldown: isoDuration.optional(),
}

const onEvent = z
  .object({
    ...nodeBase,
    /** The event that enrols a case, e.g. `invoice.overdue`. */
    event: eventType,
    ...admission,
  })
  .strict()

const byDaysPastDue = z
  .object({
    ...nodeBase,
    /** A case enters on the day it is this many days past due (its due date + N), in the debtor's time zone. */
    daysPastDue: z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(3650, 'must be at most 3650 (ten years)'),
    /** The debtor's local time of day the entry is made that day (default 09:00). */
    at: timeOfDay.optional(),
    ...admission,
  })
  .strict()

export const entryData = z.union([onEvent, byDaysPastDue], {
  error: 'must be one of: {"event": "invoice.overdue"} or {"daysPastDue": 30, "at": "09:00"}',
})

export type EntryData = z.infer<typeof entryData>
export type EntryOnEventData = z.infer<typeof onEvent>
export type EntryByDaysPastDueData = z.infer<typeof byDaysPastDue>

export function isDaysPastDueEntry(data: EntryData): data is EntryByDaysPastDueData {
  return 'daysPastDue' in data
}

/** `on invoice.overdue` or `at 30 days past due, 09:00 local`. */
export function describeEntryTrigger(data: EntryData): string {
  if (!isDaysPastDueEntry(data)) return `on ${data.event}`
  const days = data.daysPastDue === 0 ? 'on the due date' : `at ${data.daysPastDue} ${data.daysPastDue === 1 ? 'day' : 'days'} past due`
  return `${days}, ${data.at ?? DEFAULT_ENTRY_TIME} local`
}

export const entry = defineNodeKind({
  type: 'entry',
  title: 'Entry',
  icon: 'log-in',
  tone: 'flow',
  help: 'Where cases enter the journey: the event or the day past due that starts it, and who qualifies',
  summary: (data) => (data.filter ? `${describeEntryTrigger(data)} if ${data.filter}` : describeEntryTrigger(data)),
  data: entryData,
  defaults: { event: 'invoice.overdue' },
  handles: () => [{ id: DEFAULT_HANDLE, label: 'next' }],
  holds: null,
  diff: { fields: { at: 'time of day', filter: 'filter' } },
  trace: { waiting: null, decided: null, passed: null },
  check: (data, checks) => (data.filter ? checks.condition(data.filter, ['filter'], 'filter') : []),
})
