import { z } from 'zod'

/**
 * The years a date of a case or event may fall in: a debtor's birth date, a due date, a promise, when a payment was
 * made. Wide enough for any real one, narrow enough that `0000` or `9999` (a placeholder or a typo) is refused.
 */
export const YEARS = { first: 1900, last: 2199 } as const

const inRange = (year: number) => year >= YEARS.first && year <= YEARS.last
const rangeText = `must be between ${YEARS.first}-01-01 and ${YEARS.last}-12-31`

/** A calendar date, `2026-10-15`: `2026-02-31` is no day of any calendar, however lenient `Date.parse` is. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-10-15')
  .refine((value) => {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number]
    // setUTCFullYear, not Date.UTC: that one reads the years 0–99 as 1900–1999.
    const date = new Date(0)
    date.setUTCFullYear(year, month - 1, day)
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  }, 'is not a day of the calendar (such as 2026-02-31)')
  .refine((value) => inRange(Number(value.slice(0, 4))), rangeText)

/** An ISO 8601 time with its offset, `2026-11-04T10:00:00Z`, on a calendar day in the same years. */
export const isoTime = (message: string) =>
  z
    .string()
    .datetime({ offset: true, message })
    .refine((value) => inRange(new Date(value).getUTCFullYear()) && inRange(Number(value.slice(0, 4))), rangeText)
