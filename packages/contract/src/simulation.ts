import { z } from 'zod'
import { messageStatuses } from './work'
import { timelineEntrySchema } from './cases'

/** A message the simulation's engine would have sent (or held back, with why). */
export const simulatedMessageSchema = z.object({
  caseId: z.string(),
  nodeId: z.string(),
  channel: z.string(),
  template: z.string().nullable(),
  locale: z.string().nullable(),
  at: z.string(),
  status: z.enum(['sent', 'suppressed']),
  reason: z.string().optional(),
})
export type SimulatedMessage = z.infer<typeof simulatedMessageSchema>

/** A message as the engine wrote it to the outbox: what the debtor would get. */
export const tracedMessageSchema = z.object({
  id: z.string(),
  channel: z.string(),
  template: z.string().nullable(),
  locale: z.string().nullable(),
  status: z.enum(messageStatuses),
  reason: z.string().optional(),
  recipient: z.string().nullable(),
  subject: z.string().optional(),
  text: z.string().optional(),
  html: z.string().optional(),
  htmlOmitted: z.literal(true).optional().meta({ description: 'The HTML was left out: the trace’s HTML budget was spent (the text is still there)' }),
})
export type TracedMessage = z.infer<typeof tracedMessageSchema>

/** One entry of the case's audit trail (as its timeline shows it), with the message it produced, if any. */
export const traceStepSchema = timelineEntrySchema.extend({ message: tracedMessageSchema.optional() }).meta({ id: 'TraceStep' })
export type TraceStep = z.infer<typeof traceStepSchema>

export const caseTraceSchema = z
  .object({
    timezone: z.string().meta({ description: 'The zone the engine read the debtor’s local time in (theirs, or the policy’s default)' }),
    steps: z.array(traceStepSchema),
    truncated: z.literal(true).optional().meta({ description: 'The case took more steps than a trace holds: the rest is left out' }),
  })
  .meta({ id: 'CaseTrace' })
export type CaseTrace = z.infer<typeof caseTraceSchema>

export const simulatedCaseStatuses = ['active', 'paused', 'done', 'stopped', 'not-enrolled'] as const

/** What a journey did to the simulated cases, read back from the database the simulation's engine wrote. */
export const simulationReportSchema = z
  .object({
    journey: z.string(),
    start: z.string(),
    end: z.string(),
    nodes: z.record(z.string(), z.object({ entered: z.number().int() })),
    outcomes: z.record(z.string(), z.number().int()),
    messages: z.array(simulatedMessageSchema),
    cases: z.record(
      z.string(),
      z.object({ status: z.enum(simulatedCaseStatuses), outcome: z.string().optional(), path: z.array(z.string()), reason: z.string().optional() }),
    ),
    splits: z
      .record(z.string(), z.record(z.string(), z.object({ cases: z.number().int(), outcomes: z.record(z.string(), z.number().int()) })))
      .meta({ description: 'Per split step and variant: how many cases it got and how their enrolments ended (what worked)' }),
    rejected: z.array(z.object({ caseId: z.string().optional(), message: z.string() })),
    traces: z
      .record(z.string(), caseTraceSchema)
      .optional()
      .meta({ description: 'Only when asked for (`trace`): each traced case’s steps in order, with the messages the engine rendered' }),
  })
  .meta({ id: 'SimulationReport' })
export type SimulationReport = z.infer<typeof simulationReportSchema>
