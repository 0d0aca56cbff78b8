import { isTimeOfDay, timeOfDayHours, type TimeOfDay } from '@dunwell/journey'
import type { ContactWindow } from './types'

/** What a preferred time of day did to the contact hours. */
export type PreferredHours =
  | { hours: ContactWindow; preference?: undefined }
  | { hours: ContactWindow; preference: { timeOfDay: TimeOfDay; start: string; end: string; applied: boolean; note: string } }

/**
 * Narrows contact hours (the policy's and the journey's, already intersected) to the debtor's preferred time of day.
 * A preference never blocks contact: where it does not overlap those hours, they hold unchanged.
 */
export function preferredHours(hours: ContactWindow, timeOfDay: string | null | undefined): PreferredHours {
  if (!isTimeOfDay(timeOfDay)) return { hours }
  const wanted = timeOfDayHours[timeOfDay]
  const start = wanted.start > hours.start ? wanted.start : hours.start
  const end = wanted.end < hours.end ? wanted.end : hours.end
  const span = `${timeOfDay} ${wanted.start}–${wanted.end}`
  if (start < end) {
    return { hours: { ...hours, start, end }, preference: { timeOfDay, ...wanted, applied: true, note: `the debtor prefers the ${span}` } }
  }
  return {
    hours,
    preference: {
      timeOfDay,
      ...wanted,
      applied: false,
      note: `the debtor prefers the ${span}, outside the contact hours (${hours.start}–${hours.end}); the contact hours apply`,
    },
  }
}
