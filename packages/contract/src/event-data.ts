import { channels } from '@dunwell/journey'
import { z } from 'zod'
import { isoDate, isoTime } from './dates'
import { ownRecord } from './own-record'

const positiveAmount = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a positive number') })
  .finite('must be a positive number')
  .positive('must be a positive number')

const optionalText = z.string({ error: 'must be a text' }).max(2000, 'must be at most 2000 characters').optional()
export const dateOrTime = z.union([isoDate, isoTime('must be an ISO 8601 time')], { error: 'must be a date such as 2026-12-15 (or an ISO 8601 time)' })

/** Releases and holds carry a reason for people; nothing in them steers the engine. */
const holdData = z.looseObject({ reason: optionalText, note: optionalText })

/**
 * The data of the event types the engine itself interprets. One definition for both sides: the API refuses an event
 * whose data does not fit at the door, and the engine reads the data through the same schema. Other fields pass
 * through (journeys may read them); types not listed here carry whatever their sender likes.
 */
export const eventDataSchemas = ownRecord<z.ZodType<Record<string, unknown>>>({
  'payment.received': z.looseObject({ amount: positiveAmount }),
  'promise.made': z.looseObject({ amount: positiveAmount.optional(), promisedFor: dateOrTime.optional(), by: dateOrTime.optional() }),
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
