import { z } from 'zod'

/** A jurisdiction whose rules apply to a debtor, and why. */
export const appliedJurisdictionSchema = z
  .object({
    name: z.string().meta({ example: 'Regulation F' }),
    country: z.string().meta({ example: 'US' }),
    region: z.string().nullable(),
    why: z.string().meta({ example: "the debtor's country is US" }),
  })
  .meta({ id: 'AppliedJurisdiction' })

/** A frequency cap in force for a debtor, with what counts against it now. */
export const capInForceSchema = z
  .object({
    rule: z.string().meta({ example: 'Regulation F §1006.14(b)(2)(i): at most 7 calls in 7 days' }),
    source: z.string().meta({ description: '`policy`, or the jurisdiction it comes from', example: 'Regulation F (US)' }),
    channels: z.array(z.string()),
    max: z.number().int(),
    window: z.string().meta({ example: 'P7D' }),
    onCap: z.enum(['defer', 'suppress']),
    counted: z.number().int().meta({ description: 'Contacts of every journey within the window ending now' }),
    journeys: z.array(z.string()).meta({ description: 'The journeys whose contacts count' }),
    allowedAgainAt: z.string().nullable().meta({ description: 'When the cap allows one more, if it is full now' }),
  })
  .meta({ id: 'CapInForce' })

/** A quiet period that applies to a debtor, and whether it runs now. */
export const quietPeriodInForceSchema = z
  .object({
    rule: z.string(),
    source: z.string(),
    after: z.string().meta({ example: 'call.connected' }),
    channels: z.array(z.string()),
    duration: z.string().meta({ example: 'P7D' }),
    since: z.string().nullable().meta({ description: 'When the event that started the running period happened' }),
    until: z.string().nullable().meta({ description: 'When the running period ends; null when none runs' }),
  })
  .meta({ id: 'QuietPeriodInForce' })

/** The contact rules in force for a case's debtor now: which, why they apply, and how far they are used. */
export const casePolicySchema = z
  .object({
    caseId: z.string(),
    at: z.string().meta({ description: 'The moment the counts are for' }),
    place: z.object({ country: z.string().nullable(), region: z.string().nullable(), timezone: z.string() }),
    jurisdictions: z.array(appliedJurisdictionSchema),
    contactHours: z
      .object({ start: z.string(), end: z.string(), days: z.array(z.string()), channels: z.array(z.string()), holidays: z.boolean() })
      .meta({ description: "The widest hours, in the debtor's local time (a journey may narrow them)" }),
    caps: z.array(capInForceSchema),
    quietPeriods: z.array(quietPeriodInForceSchema),
    optouts: z.array(z.string()),
    holds: z.array(z.string()),
    enrolments: z.array(
      z.object({
        id: z.string(),
        journeyId: z.string(),
        status: z.string(),
        outrankedBy: z.string().nullable().meta({ description: 'The enrolment of the journey of higher priority it waits for' }),
      }),
    ),
  })
  .meta({ id: 'CasePolicy' })
export type CasePolicy = z.infer<typeof casePolicySchema>

/** The widest contact hours of a policy or a jurisdiction, in the debtor's local time. */
const hoursSchema = z.object({ start: z.string().meta({ example: '08:00' }), end: z.string().meta({ example: '20:00' }), days: z.array(z.string()) })

/**
 * The runtime's contact policy, for every debtor (what no journey can widen): the contact hours, the caps across
 * journeys, the quiet periods, and the jurisdictions whose rules add to them. The editor shows it beside a journey's
 * own contact hours; `GET /api/cases/{id}/policy` says which of it applies to one debtor.
 */
export const contactPolicyViewSchema = z
  .object({
    contactHours: hoursSchema.extend({ channels: z.array(z.string()), holidays: z.boolean() }),
    caps: z.array(
      z.object({ rule: z.string(), channels: z.array(z.string()), max: z.number().int(), window: z.string(), onCap: z.enum(['defer', 'suppress']) }),
    ),
    quietPeriods: z.array(z.object({ rule: z.string(), after: z.string(), channels: z.array(z.string()), duration: z.string() })),
    jurisdictions: z.array(
      z.object({
        name: z.string().meta({ example: 'Regulation F' }),
        country: z.string().meta({ example: 'US' }),
        region: z.string().nullable(),
        contactHours: hoursSchema.partial({ days: true }).nullable().meta({ description: 'The widest hours there; null: the policy’s' }),
        caps: z.array(z.string()).meta({ description: 'Its caps, in words' }),
        quietPeriods: z.array(z.string()).meta({ description: 'Its quiet periods, in words' }),
      }),
    ),
    defaultTimezone: z.string().meta({ description: 'The zone of a debtor who has none', example: 'Europe/Berlin' }),
  })
  .meta({ id: 'ContactPolicyView' })
export type ContactPolicyView = z.infer<typeof contactPolicyViewSchema>
