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
  // A pattern rather than a refinement, so that the published JSON Schema refuses the reserved prefixes too.
  .regex(/^(?!dunwell\.|xstate\.)/, 'must not start with dunwell. or xstate. (reserved for the runtime)')

const durationNumber = String.raw`\d{1,20}(?:\.\d{1,20})?`
/**
 * The shape of a positive ISO 8601 duration, as a pattern the published JSON Schema carries too: `P`, then years, months,
 * weeks, days and after `T` hours, minutes, seconds, each optional but in this order, no signs, at least one digit that
 * is not zero. Luxon's reading (below) stays the judge of what the duration is worth.
 */
export const isoDurationPattern = new RegExp(
  String.raw`^P(?=.*[1-9])(?:${durationNumber}Y)?(?:${durationNumber}M)?(?:${durationNumber}W)?(?:${durationNumber}D)?` +
    String.raw`(?:T(?=\d)(?:${durationNumber}H)?(?:${durationNumber}M)?(?:\d{1,20}(?:[.,]\d{1,20})?S)?)?$`,
)

const durationMessage = 'must be a positive ISO 8601 duration such as P3D (3 days) or PT12H (12 hours)'

/** An ISO 8601 duration such as `P3D` or `PT12H`, strictly positive. */
export const isoDuration = z
  .string()
  // Not aborting: a union of node data (a wait's `for`) then names this field, not the whole union.
  .regex(isoDurationPattern, durationMessage)
  .refine(
    (value) => {
      // What the pattern refuses is said once, by the pattern.
      if (!isoDurationPattern.test(value)) return true
      const duration = Duration.fromISO(value)
      return duration.isValid && duration.toMillis() > 0
    },
    { message: durationMessage },
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
