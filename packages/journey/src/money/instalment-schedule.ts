import { DateTime } from 'luxon'

/** The intervals a plan's instalments may be due at: weekly, fortnightly, monthly. */
export const planIntervals = ['P1W', 'P2W', 'P1M'] as const
export type PlanInterval = (typeof planIntervals)[number]

export interface ScheduledInstalment {
  /** YYYY-MM-DD. */
  dueDate: string
  /** Minor units (cents). */
  amount: number
}

export interface ScheduleRequest {
  /** What the plan pays off, in minor units: a positive whole number. */
  balance: number
  count: number
  interval: PlanInterval
  /** The first instalment's due date, YYYY-MM-DD. */
  firstDate: string
}

/**
 * The due date of instalment `index` (0 for the first). Counted from the first date each time, so a month's end
 * is kept where the month has it: 31 January → 28 (or 29) February → 31 March.
 */
export function instalmentDueDate(firstDate: string, interval: PlanInterval, index: number): string {
  const first = DateTime.fromISO(firstDate, { zone: 'utc' })
  if (!first.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(firstDate)) throw new RangeError(`not a date: ${firstDate}`)
  const next = interval === 'P1M' ? first.plus({ months: index }) : first.plus({ weeks: (interval === 'P2W' ? 2 : 1) * index })
  return next.toISODate()!
}

/**
 * Dates and amounts of a plan, exact in minor units: every instalment but the last is the balance divided by the
 * count, rounded down; the last takes what is left, so the amounts always add up to the balance.
 */
export function instalmentSchedule({ balance, count, interval, firstDate }: ScheduleRequest): ScheduledInstalment[] {
  if (!Number.isSafeInteger(balance) || balance <= 0) throw new RangeError('the balance must be a positive whole number of minor units')
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('the count must be a whole number of at least 1')
  const base = Math.floor(balance / count)
  return Array.from({ length: count }, (_, index) => ({
    dueDate: instalmentDueDate(firstDate, interval, index),
    amount: index === count - 1 ? balance - base * (count - 1) : base,
  }))
}
