import { channels, eventType, isoDuration, timeOfDay, weekday, type Channel } from '@dunwell/journey'
import countries from 'i18n-iso-countries'
import { Duration } from 'luxon'
import { z } from 'zod'
import { normaliseCountry } from '../import/normalize-contact'

export const channel = z.enum(channels, { error: `must be one of ${channels.join(', ')}` })

/** What happens to a contact over a cap: it waits for the next moment the cap allows (default), or it is not made. */
export const onCapChoices = ['defer', 'suppress'] as const
export type OnCap = (typeof onCapChoices)[number]

/** The channels a debtor reads: every channel but calls (which Regulation F counts on their own). */
export const messageChannels: Channel[] = channels.filter((c) => c !== 'call')

/** A window no longer than a year: a cap reads the outbox that far back. */
const window = isoDuration.refine((text) => {
  const duration = Duration.fromISO(text)
  return !duration.isValid || duration.as('days') <= 366
}, 'must be at most a year (P1Y)')

const ruleName = z.string({ error: 'must be text' }).min(1, 'must not be empty').max(120, 'must be at most 120 characters')

export const frequencyCapSchema = z
  .object({
    /** The channel it counts; with `channels`, several together; with neither, every channel but calls. */
    channel: channel.optional(),
    channels: z.array(channel).min(1, 'needs at least one channel').optional(),
    /** The most contacts allowed within the window, across all journeys. */
    max: z
      .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000'),
    /** A rolling window ending now, as an ISO 8601 duration (`P7D`). */
    window,
    /** How the trail and `policy explain` name the rule, e.g. `Regulation F §1006.14(b)(2)(i)`. */
    name: ruleName.optional(),
    onCap: z.enum(onCapChoices, { error: `must be one of ${onCapChoices.join(', ')}` }).default('defer'),
  })
  .strict()
  .refine((cap) => !(cap.channel && cap.channels), { message: 'give either channel or channels, not both', path: ['channels'] })

/** After an event of this type, no contact on these channels for the duration (a quiet period). */
export const quietPeriodSchema = z
  .object({
    /** The event that starts it, e.g. `call.connected` (a telephone conversation about the debt). */
    after: eventType,
    channels: z.array(channel).min(1, 'needs at least one channel'),
    duration: window,
    name: ruleName.optional(),
  })
  .strict()

const countryCode = z.string({ error: 'must be text' }).superRefine((code, context) => {
  if (/^[A-Z]{2}$/.test(code) && countries.isValid(code)) return
  const meant = normaliseCountry(code)
  context.addIssue({
    code: 'custom',
    message: `must be an ISO 3166-1 country code such as US${meant.ok && meant.value !== code ? `: did you mean ${meant.value}?` : ''}`,
  })
})

/** Rules that apply to debtors of one country, or one region of it; they add to the policy's and never widen it. */
export const jurisdictionSchema = z
  .object({
    /** ISO 3166-1 alpha-2, e.g. `US`. */
    country: countryCode,
    /** A region of that country (`MA`, or `US-MA`); without, the whole country. */
    region: z
      .string({ error: 'must be text' })
      .transform((text) => text.replace(/^[A-Z]{2}-/, ''))
      .pipe(z.string().regex(/^[A-Z0-9]{1,3}$/, 'must be a region code such as MA or US-MA'))
      .optional(),
    /** What the rules are, e.g. `Regulation F`. */
    name: ruleName.optional(),
    /** The widest contact hours there: the policy's are narrowed to them. */
    contactHours: z
      .object({ start: timeOfDay, end: timeOfDay, days: z.array(weekday).min(1, 'needs at least one day').optional() })
      .strict()
      .refine((hours) => hours.start < hours.end, { message: 'start must be before end', path: ['end'] })
      .optional(),
    frequencyCaps: z.array(frequencyCapSchema).max(50, 'at most 50 caps').optional(),
    quietPeriods: z.array(quietPeriodSchema).max(50, 'at most 50 quiet periods').optional(),
  })
  .strict()

export type FrequencyCap = z.output<typeof frequencyCapSchema>
export type QuietPeriod = z.output<typeof quietPeriodSchema>
export type Jurisdiction = z.output<typeof jurisdictionSchema>

/** The channels a cap counts. */
export function capChannels(cap: FrequencyCap): Channel[] {
  return cap.channels ?? (cap.channel ? [cap.channel] : messageChannels)
}

/** The default for every debtor: one message a day across all journeys, calls aside (they have their own cap). */
export const defaultFrequencyCaps = (): FrequencyCap[] => [
  { channels: messageChannels, max: 1, window: 'P1D', name: 'one message a day', onCap: 'defer' },
  { channel: 'call', max: 7, window: 'P7D', onCap: 'defer' },
]

/**
 * The default for US debtors: Regulation F's call frequency (§1006.14(b)(2)(i): 7 attempts in 7 days; (ii): none for 7
 * days after a telephone conversation about the debt) and its inconvenient times (§1006.6(b)(1)(i): before 08:00, after 21:00).
 */
export const defaultJurisdictions = (): Jurisdiction[] => [
  {
    country: 'US',
    name: 'Regulation F',
    contactHours: { start: '08:00', end: '21:00' },
    frequencyCaps: [{ channel: 'call', max: 7, window: 'P7D', name: 'Regulation F §1006.14(b)(2)(i)', onCap: 'defer' }],
    quietPeriods: [{ after: 'call.connected', channels: ['call'], duration: 'P7D', name: 'Regulation F §1006.14(b)(2)(ii)' }],
  },
]
