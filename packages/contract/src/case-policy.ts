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
