import { localeCode } from '@dunwell/journey'
import { z } from 'zod'
import { MAX_DATA_DEPTH, nestsDeeperThan, tooDeepMessage } from './json-depth'
import { isoDate } from './dates'
import { isCurrency } from './currency'

/** Zones already checked: building a formatter per case made 20,000 cases take seconds to check. */
const knownZones = new Map<string, boolean>()

function isTimeZone(zone: string): boolean {
  let known = knownZones.get(zone)
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone })
      known = true
    } catch {
      known = false
    }
    // Bounded: a client sending a new string per case cannot grow it without end.
    if (knownZones.size < 2000) knownZones.set(zone, known)
  }
  return known
}

const timezone = z.string().max(100).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')

/** Free attributes: any JSON, nested at most 32 levels. */
const attributes = z.record(z.string(), z.unknown()).refine((value) => !nestsDeeperThan(value, MAX_DATA_DEPTH), tooDeepMessage(MAX_DATA_DEPTH))

export const addressSchema = z
  .object({
    lines: z.array(z.string().min(1).max(200)).min(1, 'needs at least one line').max(5),
    postalCode: z.string().max(20).optional(),
    city: z.string().min(1).max(100),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE'),
  })
  .strict()

export const debtorSchema = z
  .object({
    firstName: z.string().max(200).optional(),
    lastName: z.string().max(200).optional(),
    email: z.string().email('must be an email address').max(320).optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +4915112345678')
      .optional(),
    address: addressSchema.optional(),
    locale: localeCode.optional(),
    timezone: timezone.optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE')
      .optional(),
    region: z
      .string()
      .regex(/^[A-Z0-9]{1,3}$/, 'must be a region code such as BY')
      .optional(),
    birthDate: isoDate.optional(),
    attributes: attributes.optional(),
  })
  .strict()

/** A case on the wire: one line of cases.jsonl, or the body of a case upsert. */
export const caseInputSchema = z
  .object({
    id: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
    debtor: debtorSchema,
    amountDue: z.number().nonnegative('must not be negative'),
    /** What is still open; defaults to amountDue for a new case. */
    balance: z.number().optional(),
    currency: z.string().refine(isCurrency, 'must be an ISO 4217 currency code such as EUR'),
    dueDate: isoDate,
    attributes: attributes.optional(),
  })
  .strict()

export type CaseInput = z.infer<typeof caseInputSchema>
export type Debtor = z.infer<typeof debtorSchema>
