import { channels, planIntervals } from '@dunwell/journey'
import { z } from 'zod'
import { isoDate, isoTime } from './dates'
import { ownRecord } from './own-record'

const positiveAmount = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a positive number') })
  .finite('must be a positive number')
  .positive('must be a positive number')

const optionalText = z.string({ error: 'must be a text' }).max(2000, 'must be at most 2000 characters').optional()
export const dateOrTime = z.union([isoDate, isoTime('must be an ISO 8601 time')], { error: 'must be a date such as 2026-12-15 (or an ISO 8601 time)' })

/** Where a promise or plan was made. */
export const arrangementSources = ['portal', 'agent', 'api'] as const
const via = z.enum(arrangementSources, { error: `must be one of ${arrangementSources.join(', ')}` }).optional()

/** A plan's instalments, in major units: due dates in order, at most 120. */
const planInstalment = z.object({ dueDate: isoDate, amount: positiveAmount }).strict()
export const planAgreedData = z.looseObject({
  instalments: z
    .array(planInstalment, { error: 'must be a list of {dueDate, amount}' })
    .min(1, 'needs at least one instalment')
    .max(120, 'at most 120 instalments')
    .refine((list) => list.every((item, index) => index === 0 || list[index - 1]!.dueDate < item.dueDate), 'due dates must follow each other, oldest first'),
  interval: z.enum(planIntervals, { error: `must be one of ${planIntervals.join(', ')}` }),
  via,
})

/** Releases and holds carry a reason for people; nothing in them steers the engine. */
const holdData = z.looseObject({ reason: optionalText, note: optionalText })

/**
 * The data of the event types the engine itself interprets. One definition for both sides: the API refuses an event
 * whose data does not fit at the door, and the engine reads the data through the same schema. Other fields pass
 * through (journeys may read them); types not listed here carry whatever their sender likes.
 */
export const eventDataSchemas = ownRecord<z.ZodType<Record<string, unknown>>>({
  'payment.received': z.looseObject({
    amount: positiveAmount,
    provider: z.string({ error: 'must be a text' }).max(100, 'must be at most 100 characters').optional(),
    /** The provider's id of the payment: a reversal names it. */
    providerPaymentId: z.string({ error: 'must be a text' }).min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  }),
  'payment.reversed': z.looseObject({
    providerPaymentId: z.string({ error: 'must be a text' }).min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    amount: positiveAmount,
    reason: optionalText,
  }),
  /** `date` (or `promisedFor`/`by`) is when; `amount` defaults to the balance. The engine keeps a promise that has a date. */
  'promise.made': z.looseObject({
    amount: positiveAmount.optional(),
    date: isoDate.optional(),
    promisedFor: dateOrTime.optional(),
    by: dateOrTime.optional(),
    via,
  }),
  'plan.agreed': planAgreedData,
  optout: z.looseObject({
    channel: z.enum([...channels, 'all'], { error: `must be one of ${[...channels, 'all'].join(', ')} (all when left out)` }).optional(),
  }),
  'dispute.opened': holdData,
  'dispute.resolved': holdData,
  'hardship.reported': holdData,
  'hardship.resolved': holdData,
  'legal.hold': holdData,
  'legal.released': holdData,
})

export interface EventDataIssue {
  /** From the event: `data.amount`. */
  path: string
  message: string
}

/** What is wrong with an event's data for its type; empty when it fits (or the type is not one the engine reads). */
export function eventDataIssues(type: string, data: unknown): EventDataIssue[] {
  const schema = eventDataSchemas[type]
  if (!schema) return []
  const result = schema.safeParse(data ?? {})
  if (result.success) return []
  return result.error.issues.map((issue) => ({ path: ['data', ...issue.path.map(String)].join('.'), message: issue.message }))
}

/** A payment's amount, read through the same schema as at ingest. */
export function paymentAmount(data: unknown): number | undefined {
  const result = eventDataSchemas['payment.received']!.safeParse(data ?? {})
  return result.success ? (result.data.amount as number) : undefined
}

/** A payment's provider id, when it has one. */
export function providerPaymentId(data: unknown): string | undefined {
  const result = eventDataSchemas['payment.received']!.safeParse(data ?? {})
  return result.success ? (result.data.providerPaymentId as string | undefined) : undefined
}

export type PlanAgreedData = z.infer<typeof planAgreedData>

/** A promise's date and amount (major units), read through the same schema as at ingest; none without a date. */
export function promiseTerms(data: unknown): { date: string; amount?: number } | undefined {
  const result = eventDataSchemas['promise.made']!.safeParse(data ?? {})
  if (!result.success) return undefined
  const { date, promisedFor, by, amount } = result.data as { date?: string; promisedFor?: string; by?: string; amount?: number }
  const when = date ?? promisedFor ?? by
  return when ? { date: when.slice(0, 10), ...(amount !== undefined ? { amount } : {}) } : undefined
}

/** A plan's terms, read through the same schema as at ingest. */
export function planTerms(data: unknown): PlanAgreedData | undefined {
  const result = planAgreedData.safeParse(data ?? {})
  return result.success ? result.data : undefined
}

/** A reversal's payment id and amount (major units). */
export function reversalTerms(data: unknown): { providerPaymentId: string; amount: number } | undefined {
  const result = eventDataSchemas['payment.reversed']!.safeParse(data ?? {})
  return result.success ? (result.data as { providerPaymentId: string; amount: number }) : undefined
}

/** The amounts (major units) an event of a type the engine reads carries, by path: each must fit the case's currency. */
export function eventAmounts(type: string, data: unknown): { path: string; amount: number }[] {
  const schema = eventDataSchemas[type]
  const result = schema?.safeParse(data ?? {})
  if (!result?.success) return []
  const parsed = result.data as { amount?: number; instalments?: { amount: number }[] }
  return [
    ...(typeof parsed.amount === 'number' ? [{ path: 'data.amount', amount: parsed.amount }] : []),
    ...(type === 'plan.agreed' ? (parsed.instalments ?? []).map((i, index) => ({ path: `data.instalments.${index}.amount`, amount: i.amount })) : []),
  ]
}
