import { DateTime, Duration, type Zone } from 'luxon'
import { debtorZone } from './debtor-zone'
import { isPublicHoliday } from './holidays'
import type { DebtorPlace, PlaceDefaults, WaitRule } from './types'
import { instantsAtWallClock, isoDateOf, minutesOfDay, wallClockAt, weekdayOf, type LocalDate } from './wall-clock'

/** The longest a business-day wait may look ahead for business days before giving up. */
const MAX_CALENDAR_DAYS = 3660

/**
 * When a wait node is over for a debtor, counted in their own time zone:
 * - `{for}` adds an ISO 8601 duration; days land on the same local time across DST changes;
 * - `{for, businessDays}` counts only Monday–Friday days that are not public holidays of the debtor's country and
 *   region (weeks count as 5 business days; months and years as calendar time); hours, minutes and seconds are
 *   added as they are;
 * - `{until, days?}` is the next moment strictly after `now` at that local time, on one of those weekdays;
 * - `{event, timeout}` is when the timeout runs out.
 */
export function resolveWaitDue(wait: WaitRule, now: Date, place: DebtorPlace, options: PlaceDefaults): Date {
  const zone = debtorZone(place.timezone, options.defaultTimezone)
  const local = DateTime.fromJSDate(now, { zone })
  if ('event' in wait) return local.plus(parseDuration(wait.timeout)).toJSDate()
  if ('until' in wait) return nextWallClockTime(now, wait.until, wait.days, zone)
  const duration = parseDuration(wait.for)
  if (!wait.businessDays) return local.plus(duration).toJSDate()

  const { years, months, weeks, days, hours, minutes, seconds, milliseconds } = duration.toObject()
  const calendar = local.plus({ years: years ?? 0, months: months ?? 0 })
  const count = (weeks ?? 0) * 5 + (days ?? 0)
  const from = wallClockAt(calendar.toMillis(), zone).date
  const afterBusinessDays = calendar.plus({ days: calendarDaysFor(count, from, place, options) })
  return afterBusinessDays.plus({ hours, minutes, seconds, milliseconds }).toJSDate()
}

function parseDuration(iso: string): Duration {
  const duration = Duration.fromISO(iso)
  if (!duration.isValid) throw new Error(`invalid ISO 8601 duration "${iso}": use e.g. P3D or PT12H`)
  return duration
}

/** How many calendar days from `from` until `count` business days have passed (fractional counts round up). */
function calendarDaysFor(count: number, from: LocalDate, place: DebtorPlace, options: PlaceDefaults): number {
  const country = place.country ?? options.defaultCountry
  let remaining = Math.ceil(count)
  let offset = 0
  while (remaining > 0) {
    offset++
    if (offset > MAX_CALENDAR_DAYS) throw new Error(`no ${count} business days found within ${MAX_CALENDAR_DAYS} days`)
    const date = from.plus({ days: offset })
    const weekday = weekdayOf(date)
    if (weekday === 'sat' || weekday === 'sun' || isPublicHoliday(isoDateOf(date), country, place.region)) continue
    remaining--
  }
  return offset
}

function nextWallClockTime(now: Date, time: string, days: WaitUntilDays, zone: Zone): Date {
  const instant = now.getTime()
  const today = wallClockAt(instant, zone).date
  const minutes = minutesOfDay(time)
  // Eight days reach the same weekday again even when today's time has passed.
  for (let offset = 0; offset <= 8; offset++) {
    const date = today.plus({ days: offset })
    if (days && !days.includes(weekdayOf(date))) continue
    const next = instantsAtWallClock(date, minutes, zone).find((at) => at > instant)
    if (next !== undefined) return new Date(next)
  }
  throw new Error(`no ${time} on ${days?.join(', ')} found within 8 days`)
}

type WaitUntilDays = Extract<WaitRule, { until: string }>['days']
