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

export const arrangementStatuses = ['active', 'kept', 'completed', 'broken', 'replaced'] as const

const madeVia = z.string().nullable().meta({ description: 'Where it was made: portal, agent, api; null when the event did not say' })

/** One instalment of a plan (or a promise's one payment): money in major units. */
export const instalmentViewSchema = z
  .object({
    number: z.number().int().meta({ description: '1 for the first' }),
    dueDate: z.string(),
    amount: z.number(),
    paid: z.number(),
    status: z.enum(['open', 'paid', 'missed']).meta({ description: 'missed: its grace days passed before it was paid in full' }),
  })
  .meta({ id: 'Instalment' })
export type InstalmentView = z.infer<typeof instalmentViewSchema>

/** A promise to pay: `kept` when paid in full by its date plus the grace days, else `broken`; `replaced` by a newer one. */
export const promiseViewSchema = z
  .object({
    id: z.string(),
    status: z.enum(arrangementStatuses),
    date: z.string(),
    amount: z.number(),
    paid: z.number(),
    via: madeVia,
    madeAt: z.string(),
  })
  .meta({ id: 'Promise' })
export type PromiseView = z.infer<typeof promiseViewSchema>

/** An instalment plan: `completed` when every instalment is paid, `broken` after the journey's number of misses. */
export const planViewSchema = z
  .object({
    id: z.string(),
    status: z.enum(arrangementStatuses),
    interval: z.string().nullable().meta({ example: 'P1M' }),
    total: z.number(),
    paid: z.number(),
    via: madeVia,
    madeAt: z.string(),
    instalments: z.array(instalmentViewSchema),
  })
  .meta({ id: 'Plan' })
export type PlanView = z.infer<typeof planViewSchema>

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
    promises: z.array(promiseViewSchema).meta({ description: 'Oldest first' }),
    plans: z.array(planViewSchema).meta({ description: 'Oldest first' }),
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
