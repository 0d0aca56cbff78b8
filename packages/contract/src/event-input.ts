import { eventType, type KnownEvent } from '@dunwell/journey'
import { z } from 'zod'
import { isoTime } from './dates'
import { eventDataIssues } from './event-data'
import { MAX_DATA_DEPTH, nestsDeeperThan, tooDeepMessage } from './json-depth'
import { ownRecord } from './own-record'

/** An event on the wire: one line of events.jsonl, or the body of an event post. */
export const eventInputSchema = z
  .object({
    /** The idempotency key; the same id twice is one event. Derived from the content when omitted. */
    id: z.string().min(1).max(200).optional(),
    // `constructor` reads as an event type but names a member of every JavaScript object: refused, not looked up.
    type: eventType.refine((type) => !(type in Object.prototype), 'must not be a name every JavaScript object has (such as constructor)'),
    caseId: z.string().min(1, 'must not be empty').max(128),
    /** When it happened (ISO 8601); now when omitted. */
    at: isoTime('must be an ISO 8601 time such as 2026-11-04T10:00:00Z').optional(),
    data: z
      .record(z.string(), z.unknown())
      .refine((data) => !nestsDeeperThan(data, MAX_DATA_DEPTH), tooDeepMessage(MAX_DATA_DEPTH))
      .optional(),
  })
  .strict()
  // Data the engine would refuse later is refused at the door, naming the field.
  .superRefine((event, ctx) => {
    for (const issue of eventDataIssues(event.type, event.data)) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message })
  })

export type EventInput = z.infer<typeof eventInputSchema>

/** Event types the engine itself acts on, beyond passing them to journeys. */
// Named among the journey package's known events (a type check fails for a name that is not there).
export const holdEvents = ownRecord({ 'dispute.opened': 'dispute', 'hardship.reported': 'hardship', 'legal.hold': 'legal' } satisfies Partial<
  Record<KnownEvent, string>
>)
export const releaseEvents = ownRecord({
  'dispute.resolved': 'dispute',
  'hardship.resolved': 'hardship',
  'legal.released': 'legal',
} satisfies Partial<Record<KnownEvent, string>>)

/** Event types the engine acts on whatever the journeys say (it keeps promises and plans). */
export const engineEventTypes: ReadonlySet<string> = new Set([
  'payment.received',
  'payment.reversed',
  'promise.made',
  'plan.agreed',
  'case.updated',
  'optout',
  ...Object.keys(holdEvents),
  ...Object.keys(releaseEvents),
])
