import { z } from 'zod'
import { eventType, expression, localeCode, slug, timeOfDay, weekday } from './common'

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

/** The group of a journey with a priority that names none. */
export const DEFAULT_PRIORITY_GROUP = 'dunning'

/** What happens to an enrolment when a journey of higher priority in its group takes the case. */
export const outrankedModes = ['pause', 'end'] as const

/**
 * A journey's place among the journeys that may hold the same case: within a group, a case is active in one journey at
 * a time (unless `parallel`), the one of lowest `rank` (1 comes first).
 */
export const prioritySchema = z
  .object({
    /** Journeys of one group exclude each other; default `dunning` (`DEFAULT_PRIORITY_GROUP`). */
    group: slug.optional(),
    /** 1 is the highest priority; a journey of lower rank number takes the case from one of higher. */
    rank: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
    /** When a journey that comes first takes the case: `pause` (default; it resumes when that one ends) or `end`. */
    whenOutranked: z.enum(outrankedModes).optional(),
    /** Runs beside the other journeys of its group instead of excluding them. */
    parallel: z.boolean().optional(),
  })
  .strict()

/** An event that ends an enrolment wherever it is, e.g. `dispute.opened` → outcome `disputed`. */
export const stopRuleSchema = z
  .object({
    event: eventType,
    /** Only when this CEL condition holds (it sees `case`, `debtor` and `event`). */
    when: expression.optional(),
    /** The outcome the enrolment ends with; default `stopped`. */
    outcome: slug.optional(),
  })
  .strict()

/** Days after an instalment's (or promise's) due date before the engine calls it missed, unless a journey says. */
export const DEFAULT_GRACE_DAYS = 3
/** Missed instalments after which a plan is broken, unless a journey says. */
export const DEFAULT_MISSES_TO_BREAK = 1

/**
 * Whether a journey's messages wait while the case's promise or plan is active, unless the journey says: yes, since
 * a reminder to pay days after the debtor promised to is what a collections manager wants least (a journey that
 * sends reminders about the plan itself turns it off).
 */
export const DEFAULT_PAUSE_CONTACT = true

/** How the engine keeps the promises and plans made while a case is in this journey. */
export const promiseSettingsSchema = z
  .object({
    /** Days after the due date a payment still counts as in time; default 3 (`DEFAULT_GRACE_DAYS`). */
    graceDays: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').max(60, 'must be at most 60').optional(),
    /** Missed instalments that break a plan; default 1 (`DEFAULT_MISSES_TO_BREAK`). */
    missesToBreak: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(12, 'must be at most 12').optional(),
    /**
     * While a promise or plan is active, the journey's messages wait (deferred, the trail names the rule); a broken
     * one lets them go out, within contact hours and caps; a kept one ends the journey by its goal or exit, or lets
     * them go out if something is still owed. Default true (`DEFAULT_PAUSE_CONTACT`).
     */
    pauseContact: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict()

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
    /** Its priority among journeys that may hold the same case; without, it excludes no other journey. */
    priority: prioritySchema.optional(),
    /** Events that end an enrolment from any step. */
    stopOn: z.array(stopRuleSchema).max(20, 'at most 20 stop rules').optional(),
    /** Grace days and misses for the promises and plans the case makes while in this journey. */
    promises: promiseSettingsSchema.optional(),
  })
  .strict()

export type Settings = z.infer<typeof settingsSchema>
export type ContactHours = z.infer<typeof contactHours>
export type Priority = z.infer<typeof prioritySchema>
export type StopRule = z.infer<typeof stopRuleSchema>
export type PromiseSettings = z.infer<typeof promiseSettingsSchema>
