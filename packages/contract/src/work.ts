import { z } from 'zod'

export const messageStatuses = ['pending', 'sent', 'suppressed', 'failed'] as const

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
