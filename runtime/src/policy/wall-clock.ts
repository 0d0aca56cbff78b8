import { weekdays, type Weekday } from '@dunwell/journey'
import { DateTime, type Zone } from 'luxon'

const MINUTE = 60_000
const DAY = 86_400_000

/**
 * A calendar date in the debtor's zone, carried as midnight UTC so that adding days never meets a DST change.
 */
export type LocalDate = DateTime<true>

/** Minutes since midnight for `HH:MM`. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

/** What the debtor's wall clock shows at an instant: their date and the (fractional) minute of the day. */
export function wallClockAt(instant: number, zone: Zone): { date: LocalDate; minutes: number } {
  const local = instant + zone.offset(instant) * MINUTE
  const midnight = Math.floor(local / DAY) * DAY
  return { date: DateTime.fromMillis(midnight, { zone: 'utc' }) as LocalDate, minutes: (local - midnight) / MINUTE }
}

export function weekdayOf(date: LocalDate): Weekday {
  return weekdays[date.weekday - 1] as Weekday
}

/** `YYYY-MM-DD` */
export function isoDateOf(date: LocalDate): string {
  return date.toISODate()
}

/**
 * The instants at which the debtor's clock reads `minutes` on `date`, earliest first: usually one, two in the hour
 * repeated when clocks go back, and none when clocks skip it (spring forward). For a skipped time this returns the
 * moment the clock jumps past it, since that is when the local time is first "at or after" it.
 */
export function instantsAtWallClock(date: LocalDate, minutes: number, zone: Zone): number[] {
  const local = date.toMillis() + minutes * MINUTE
  const offsets = new Set([zone.offset(local - DAY), zone.offset(local), zone.offset(local + DAY)])
  const candidates = [...offsets].map((offset) => local - offset * MINUTE).sort((a, b) => a - b)
  const exact = candidates.filter((instant) => instant + zone.offset(instant) * MINUTE === local)
  if (exact.length > 0) return exact
  return [transitionBetween(candidates[0] ?? local, candidates.at(-1) ?? local, zone)]
}

/** The first instant in (before, after] with the offset in force at `after`. */
function transitionBetween(before: number, after: number, zone: Zone): number {
  const target = zone.offset(after)
  while (after - before > 1) {
    const middle = before + Math.floor((after - before) / 2)
    if (zone.offset(middle) === target) after = middle
    else before = middle
  }
  return after
}
