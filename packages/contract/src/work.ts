import { z } from 'zod'

/**
 * `recorded`: the channel has no provider configured, so the message was kept here and went nowhere; `sent`: handed to
 * a provider; `delivered`, `bounced`, `failed`: what the provider reported back (or why it could not be handed over).
 */
export const messageStatuses = ['pending', 'sent', 'recorded', 'delivered', 'bounced', 'suppressed', 'failed'] as const
export type MessageStatus = (typeof messageStatuses)[number]

/** A message in the outbox: what was (or will be) sent, to whom by which channel, and what became of it. */
export const messageViewSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    journeyId: z.string(),
    version: z.number(),
    nodeId: z.string(),
    channel: z.string().meta({ example: 'email' }),
    template: z.string().nullable(),
    locale: z.string().nullable(),
    status: z.enum(messageStatuses),
    reason: z.string().nullable(),
    subject: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    attempts: z.number(),
  })
  .meta({ id: 'Message' })
export type MessageView = z.infer<typeof messageViewSchema>

/** One thing that happened to a message after it was queued: a hand-over to its provider, or the provider's report. */
export const messageDeliverySchema = z.object({
  at: z.string(),
  status: z.enum(messageStatuses),
  reason: z.string().nullable(),
  source: z.enum(['runtime', 'provider']).meta({ description: 'Who said so: the runtime handing it over, or the provider calling back' }),
})
export type MessageDelivery = z.infer<typeof messageDeliverySchema>

/** A message as the debtor got it (or would), for review: the rendered subject, text and HTML, and its delivery. */
export const messageDetailSchema = messageViewSchema
  .extend({
    recipient: z.string().nullable(),
    text: z.string().nullable(),
    html: z.string().nullable(),
    deliveries: z.array(messageDeliverySchema),
  })
  .meta({ id: 'MessageDetail' })
export type MessageDetail = z.infer<typeof messageDetailSchema>

export const taskStatuses = ['open', 'claimed', 'done', 'cancelled'] as const

/** A call for an agent, from a call step. */
export const taskViewSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    enrolmentId: z.string(),
    queue: z.string(),
    priority: z.number(),
    status: z.enum(taskStatuses),
    script: z.string().nullable(),
    claimedBy: z.string().nullable(),
    outcome: z.string().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'Task' })
export type TaskView = z.infer<typeof taskViewSchema>
