import { weekdays } from '@dunwell/journey'
import { debtorZone } from './debtor-zone'
import { publicHolidayOn, type PartialRegionalHolidays, type PublicHoliday } from './holidays'
import type { DebtorPlace, Hours, PlaceDefaults } from './types'
import { instantsAtWallClock, isoDateOf, minutesOfDay, wallClockAt, weekdayOf } from './wall-clock'

/** How far ahead to look for an allowed day before giving up. */
export const SEARCH_DAYS = 366

export interface NextAllowedOptions extends PlaceDefaults {
  /** Skip public holidays of the debtor's country and region. */
  holidays: boolean
  /** A holiday of only parts of the debtor's state: no contact (the default) or contact. */
  partialRegionalHolidays?: PartialRegionalHolidays
}

export interface NextAllowed {
  at: Date
  /** The public holidays that moved it: days that were otherwise open between `now` and `at`. */
  holidays: PublicHoliday[]
}

/**
 * `now` when the debtor may be contacted now, otherwise the earliest later moment inside the contact hours, on an
 * allowed weekday that is not a public holiday. Hours are read on the debtor's own wall clock, so they hold across
 * DST changes and the date line.
 */
export function nextAllowedMoment(now: Date, place: DebtorPlace, hours: Hours, options: NextAllowedOptions): Date {
  return findNextAllowed(now, place, hours, options).at
}

/** {@link nextAllowedMoment}, with the public holidays it skipped, for the audit trail. */
export function findNextAllowed(now: Date, place: DebtorPlace, hours: Hours, options: NextAllowedOptions): NextAllowed {
  const zone = debtorZone(place.timezone, options.defaultTimezone)
  const country = place.country ?? options.defaultCountry
  const start = minutesOfDay(hours.start)
  const end = minutesOfDay(hours.end)
  const days = new Set(hours.days ?? weekdays)
  const instant = now.getTime()
  const today = wallClockAt(instant, zone)
  const skipped: PublicHoliday[] = []

  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const date = today.date.plus({ days: offset })
    if (!days.has(weekdayOf(date))) continue
    const holiday = options.holidays ? publicHolidayOn(isoDateOf(date), country, place.region, options.partialRegionalHolidays ?? 'no-contact') : undefined
    if (holiday) {
      // Today's holiday moved nothing once today's hours are over.
      if (offset > 0 || today.minutes < end) skipped.push(holiday)
      continue
    }
    if (offset === 0 && today.minutes >= start && today.minutes < end) return { at: now, holidays: skipped }
    // The first opening still ahead that falls inside the hours (a start skipped by spring-forward opens late).
    const opening = instantsAtWallClock(date, start, zone).find((at) => {
      const clock = wallClockAt(at, zone)
      return at > instant && clock.date.equals(date) && clock.minutes < end
    })
    if (opening !== undefined) return { at: new Date(opening), holidays: skipped }
  }
  throw new Error(
    `no allowed contact moment within ${SEARCH_DAYS} days: contact hours ${hours.start}–${hours.end} on ` +
      `${[...days].join(', ')} leave no day free (check the days and the holidays of ${country ?? 'no country'})`,
  )
}
