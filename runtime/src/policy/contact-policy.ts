import { formatPath, timeOfDay, weekday, weekdays, type Channel, type ContactHours, type Weekday } from '@dunwell/journey'
import { z } from 'zod'
import { isValidTimezone } from './debtor-zone'
import { partialRegionalHolidayChoices } from './holidays'
import { channel, defaultFrequencyCaps, defaultJurisdictions, frequencyCapSchema, jurisdictionSchema, quietPeriodSchema } from './contact-rules'
import type { ContactWindow } from './types'

/** The runtime's contact policy: what every journey must respect, whatever it says. */
export const contactPolicySchema = z
  .object({
    /** When a debtor may be contacted, in their local time. */
    contactHours: z
      .object({
        start: timeOfDay.default('08:00'),
        end: timeOfDay.default('20:00'),
        days: z
          .array(weekday)
          .min(1, 'needs at least one day')
          .default((): Weekday[] => ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']),
      })
      .strict()
      .refine((hours) => !bothTimes(hours) || hours.start < hours.end, { message: 'start must be before end', path: ['end'] })
      .prefault({}),
    /** The channels contact hours apply to; letters are posted, not timed. */
    channelsWithHours: z.array(channel).default((): Channel[] => ['email', 'sms', 'whatsapp', 'call']),
    /** No contact on public holidays of the debtor's country and region. */
    holidays: z.boolean({ error: 'must be true or false' }).default(true),
    /**
     * A public holiday of only parts of the debtor's state (15 August in Bavaria's Catholic communities, Corpus Christi
     * in parts of Saxony): `no-contact` treats the whole state as on holiday (the safe default: the record does not say
     * which part the debtor lives in); `contact` only the state's own holidays.
     */
    partialRegionalHolidays: z
      .enum(partialRegionalHolidayChoices, { error: `must be one of ${partialRegionalHolidayChoices.join(', ')}` })
      .default('no-contact'),
    /**
     * At most `max` contacts on a channel (or several) in any rolling `window`, counted across all journeys; by default
     * one message a day (calls aside) and 7 calls in 7 days.
     */
    frequencyCaps: z.array(frequencyCapSchema).max(50, 'at most 50 caps').default(defaultFrequencyCaps),
    /** No contact on some channels for a while after an event, for every debtor. */
    quietPeriods: z
      .array(quietPeriodSchema)
      .max(50, 'at most 50 quiet periods')
      .default(() => []),
    /** Rules for debtors of a country or region (by default Regulation F for the US); they add to the above. */
    jurisdictions: z.array(jurisdictionSchema).max(300, 'at most 300 jurisdictions').default(defaultJurisdictions),
    /** The time zone of a debtor who has none (or an unknown one). */
    defaultTimezone: z.string({ error: 'must be text' }).refine(isValidTimezone, 'must be an IANA time zone such as Europe/Berlin').default('UTC'),
    /** The country whose holidays apply to a debtor who has none (ISO 3166-1, e.g. `DE`). */
    defaultCountry: z
      .string({ error: 'must be text' })
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE')
      .optional(),
  })
  .strict()

/** Compares start and end only once both are well formed, so a typo reports one error, not two. */
function bothTimes(hours: { start: unknown; end: unknown }): boolean {
  return timeOfDay.safeParse(hours.start).success && timeOfDay.safeParse(hours.end).success
}

export type ContactPolicy = z.output<typeof contactPolicySchema>

export const defaultContactPolicy: ContactPolicy = contactPolicySchema.parse({})

export type ParsePolicyResult = { ok: true; policy: ContactPolicy } | { ok: false; errors: string[] }

/** Reads a policy file's JSON; missing fields take their defaults, so a file need only say what it changes. */
export function parseContactPolicy(json: unknown): ParsePolicyResult {
  const parsed = contactPolicySchema.safeParse(json)
  if (parsed.success) return { ok: true, policy: parsed.data }
  return { ok: false, errors: parsed.error.issues.map(describePolicyIssue) }
}

function describePolicyIssue(issue: z.core.$ZodIssue): string {
  const field = formatPath(issue.path as (string | number)[]) || 'policy'
  if (issue.code === 'unrecognized_keys') {
    return `${field}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${field}: is required`
  return `${field}: ${issue.message.replace(/^Invalid input: /, '')}`
}

export interface EffectiveHours {
  hours: ContactWindow
  /** Set when the journey's hours do not overlap the policy's at all, so the policy's hours apply unchanged. */
  warning?: string
}

/**
 * The contact hours that apply to a journey: the policy's, narrowed by the journey's own (later start, earlier end,
 * fewer days). A journey can never widen them. Hours that would leave no time at all fall back to the policy's.
 */
export function effectiveContactHours(policy: Pick<ContactPolicy, 'contactHours'>, journeyHours?: ContactHours): EffectiveHours {
  const policyHours: ContactWindow = { ...policy.contactHours, days: [...policy.contactHours.days] }
  if (!journeyHours) return { hours: policyHours }
  const start = journeyHours.start > policyHours.start ? journeyHours.start : policyHours.start
  const end = journeyHours.end < policyHours.end ? journeyHours.end : policyHours.end
  const days = weekdays.filter((day) => policyHours.days.includes(day) && (!journeyHours.days || journeyHours.days.includes(day)))
  if (start < end && days.length > 0) return { hours: { start, end, days } }
  const journeyText = `${journeyHours.start}–${journeyHours.end}${journeyHours.days ? ` on ${journeyHours.days.join(', ')}` : ''}`
  const policyText = `${policyHours.start}–${policyHours.end} on ${policyHours.days.join(', ')}`
  return {
    hours: policyHours,
    warning: `the journey's contact hours (${journeyText}) do not overlap the policy's (${policyText}); the policy's apply`,
  }
}
