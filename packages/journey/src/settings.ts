import { z } from 'zod'
import { expression, localeCode, timeOfDay, weekday } from './common'

export const DEFAULT_GOAL = 'case.balance <= 0'

export const contactHours = z
  .object({
    /** Earliest local time of contact. */
    start: timeOfDay,
    /** Latest local time of contact. */
    end: timeOfDay,
    /** Days on which contact is allowed. */
    days: z.array(weekday).min(1, 'needs at least one day').optional(),
  })
  .strict()
  .refine((hours) => hours.start < hours.end, { message: 'start must be before end', path: ['end'] })

export const settingsSchema = z
  .object({
    /** Locales the journey's templates are written in. */
    locales: z.array(localeCode).min(1, 'needs at least one locale'),
    /** The fallback when a debtor's locale has no text. */
    defaultLocale: localeCode,
    /** A CEL condition that ends an enrolment from any node with outcome `paid`; default `case.balance <= 0`. */
    goal: expression.optional(),
    /** Contact hours in the debtor's local time; they can only narrow the runtime's policy, never widen it. */
    contactHours: contactHours.optional(),
  })
  .strict()

export type Settings = z.infer<typeof settingsSchema>
export type ContactHours = z.infer<typeof contactHours>
