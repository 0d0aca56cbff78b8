import { Duration } from 'luxon'
import { z } from 'zod'

/** An identifier a person can read in a diff: letters, digits, `-` and `_`. */
export const slug = z
  .string()
  // An empty id is one problem, not also a malformed one.
  .min(1, { message: 'must not be empty', abort: true })
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must start with a letter or digit and contain only letters, digits, - and _')

/** A CEL expression over `case`, `debtor` and `event`. */
export const expression = z.string().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters')

/** An event type such as `invoice.overdue`, `payment.received` or `optout`. */
export const eventType = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/, 'must look like `invoice.overdue` or `optout`: lower-case words, joined by dots')
  .refine((type) => !type.startsWith('dunwell.') && !type.startsWith('xstate.'), { message: 'must not start with dunwell. or xstate. (reserved for the runtime)' })

/** An ISO 8601 duration such as `P3D` or `PT12H`, strictly positive. */
export const isoDuration = z.string().refine(
  (value) => {
    const duration = Duration.fromISO(value)
    return duration.isValid && duration.toMillis() > 0
  },
  { message: 'must be a positive ISO 8601 duration such as P3D (3 days) or PT12H (12 hours)' },
)

/** A local time of day, `HH:MM` on a 24-hour clock. */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 09:00')

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export const weekday = z.enum(weekdays)
export type Weekday = z.infer<typeof weekday>

/** A BCP 47 language tag such as `de`, `en` or `de-AT`. */
export const localeCode = z.string().regex(/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3}|-\d{3})?$/, 'must be a language tag such as de, en or de-AT')

export const position = z.object({ x: z.number().finite(), y: z.number().finite() }).strict()

/** Fields every node's data may carry, whatever its kind. */
export const nodeBase = {
  label: z.string().max(120, 'must be at most 120 characters').optional(),
  note: z.string().max(2000, 'must be at most 2000 characters').optional(),
}
