import { z } from 'zod'
import { debtorSchema } from './case-input'

export const enrolmentStatuses = ['active', 'paused', 'done', 'stopped'] as const

/** A case's passage through one journey version. */
export const enrolmentViewSchema = z
  .object({
    id: z.string(),
    journeyId: z.string(),
    version: z.number().int(),
    node: z.string().meta({ description: 'The step the case is at (or ended at)' }),
    status: z.enum(enrolmentStatuses),
    outcome: z.string().nullable().meta({ description: 'How it ended (the goal, an exit step, stopped); null while it runs' }),
    enteredAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: 'Enrolment' })
export type EnrolmentView = z.infer<typeof enrolmentViewSchema>

export const holdViewSchema = z
  .object({ kind: z.string().meta({ description: 'Why journeys wait: dispute, hardship, legal', example: 'dispute' }), since: z.string() })
  .meta({ id: 'Hold' })
export type HoldView = z.infer<typeof holdViewSchema>

export const optoutViewSchema = z
  .object({ channel: z.string().meta({ description: 'A channel, or `all`', example: 'email' }), at: z.string() })
  .meta({ id: 'OptOut' })
export type OptoutView = z.infer<typeof optoutViewSchema>

/** A case as the API shows it: money in major units, with its enrolments, holds and opt-outs. */
export const caseViewSchema = z
  .object({
    id: z.string(),
    debtor: debtorSchema.meta({ description: 'Empty once the case is erased' }),
    amountDue: z.number(),
    balance: z.number(),
    currency: z.string(),
    dueDate: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    enrolments: z.array(enrolmentViewSchema),
    holds: z.array(holdViewSchema),
    optouts: z.array(optoutViewSchema),
  })
  .meta({ id: 'Case' })
export type CaseView = z.infer<typeof caseViewSchema>

/** One thing the engine did or decided for a case, with its reasons (`detail` depends on the kind). */
export const timelineEntrySchema = z
  .object({
    at: z.string(),
    kind: z.string().meta({
      description: 'enrolled, event, event-rejected, timer, wake, decided, message, deliver, dispute, stopped, not-enrolled, not-resumed, erased, …',
      example: 'decided',
    }),
    enrolmentId: z.string().nullable(),
    nodeId: z.string().nullable(),
    detail: z
      .record(z.string(), z.unknown())
      .meta({ description: 'What the kind records: the event, the conditions tried and the values they saw, the message…' }),
  })
  .meta({ id: 'TimelineEntry' })
export type TimelineEntry = z.infer<typeof timelineEntrySchema>
