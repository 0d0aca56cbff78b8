import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Schema } from 'hono'
import { can } from '../../auth/permissions'
import { claimTask, completeTask, listTasks, taskOutcomes, type TaskOutcome } from '../../engine/tasks'
import type { AppEnv, AppOptions } from '../app-types'
import { instalmentSchedule, planIntervals } from '@dunwell/journey'
import { planAgreedData } from '../../wire/plan-agreed'
import {
  dateOrTime,
  isoDate,
  messageDetailSchema as messageDetail,
  messageStatuses,
  messageViewSchema as messageView,
  taskViewSchema as taskView,
} from '@dunwell/contract'
import { getMessage, messageViewColumns, messageViewOf } from '../../engine/message-deliveries'
import { guard } from '../guard'
import { problem } from '../problem'
import { notFound, problemResponses, jsonResponse as json, problemOf, bodyProblems } from '../schemas'

/** A plan agreed by an agent: how many instalments, how often, and when the first is due. */
const agentPlan = z
  .object({
    count: z.number().int().min(1).max(120),
    interval: z.enum(planIntervals),
    firstDate: isoDate,
  })
  .strict()

const taskId = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) })
const messageId = z.object({
  id: z
    .string()
    .min(1)
    .max(400)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'friendly-reminder/c-1/1/2' }),
})

/** Messages in the outbox and call tasks for agents. */
export function workRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  const { db, engine } = options

  const routes = app
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'listMessages',
        path: '/api/messages',
        tags: ['messages'],
        summary: 'The outbox: every message, with its status and the reason it was suppressed or failed',
        middleware: guard(options, 'messages:read'),
        request: {
          query: z.object({
            caseId: z.string().optional(),
            status: z.enum(messageStatuses).optional(),
            channel: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            before: z.string().optional().openapi({ description: 'Only messages created before this ISO time (paging)' }),
          }),
        },
        responses: { 200: json(z.array(messageView), 'Newest first'), ...problemResponses },
      }),
      async (c) => {
        const query = c.req.valid('query')
        let select = db.selectFrom('outbox').select(messageViewColumns).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit)
        if (query.caseId) select = select.where('case_id', '=', query.caseId)
        if (query.status) select = select.where('status', '=', query.status)
        if (query.channel) select = select.where('channel', '=', query.channel)
        if (query.before && !Number.isNaN(Date.parse(query.before))) select = select.where('created_at', '<', Date.parse(query.before))
        const rows = await select.execute()
        return c.json(rows.map(messageViewOf), 200)
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getMessage',
        path: '/api/messages/{id}',
        tags: ['messages'],
        summary: 'One message as rendered (subject, text, HTML), its status and everything that happened to it since it was queued',
        description: 'The id holds slashes (`journey/case/enrolment/step`): encode them in the path (`%2F`).',
        middleware: guard(options, 'messages:read'),
        request: { params: messageId },
        responses: { 200: json(messageDetail, 'The message'), ...problemResponses, ...notFound },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const found = await getMessage(db, id)
        if (!found) return problem(c, 404, `no message "${id}"`)
        return c.json(found, 200)
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'listTasks',
        path: '/api/tasks',
        tags: ['tasks'],
        summary: 'Call tasks for agents, highest priority first',
        middleware: guard(options, 'tasks:work'),
        request: {
          query: z.object({
            queue: z.string().optional(),
            status: z.enum(['open', 'claimed', 'done', 'cancelled']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
        },
        responses: { 200: json(z.array(taskView), 'Tasks'), ...problemResponses },
      }),
      async (c) => c.json(await listTasks(db, c.req.valid('query')), 200),
    )

    .openapi(
      createRoute({
        method: 'post',
        operationId: 'claimTask',
        path: '/api/tasks/{id}/claim',
        tags: ['tasks'],
        summary: 'Take a task (one agent only)',
        middleware: guard(options, 'tasks:work'),
        request: { params: taskId, body: { content: { 'application/json': { schema: z.object({ agent: z.string().min(1).max(100) }) } }, required: true } },
        responses: {
          200: json(taskView, 'Yours'),
          ...problemResponses,
          ...bodyProblems,
          ...notFound,
          409: problemOf('Someone else has it, it is done, or it was cancelled'),
        },
      }),
      async (c) => {
        const result = await claimTask(db, c.req.valid('param').id, c.req.valid('json').agent, c.get('principal').id)
        if (result === 'missing') return problem(c, 404, `no task "${c.req.valid('param').id}"`)
        if (result === 'taken') return problem(c, 409, 'the task is claimed, done or cancelled already')
        return c.json(result, 200)
      },
    )

    .openapi(
      createRoute({
        method: 'post',
        operationId: 'completeTask',
        path: '/api/tasks/{id}/complete',
        tags: ['tasks'],
        summary: 'Record the call’s outcome; it flows back into the journey as an event',
        description: `Outcomes and the events they send: ${Object.entries(taskOutcomes)
          .map(([o, e]) => `${o} → ${e}`)
          .join(', ')}.`,
        middleware: guard(options, 'tasks:work'),
        request: {
          params: taskId,
          body: {
            content: {
              'application/json': {
                schema: z.object({
                  outcome: z.enum(Object.keys(taskOutcomes) as [TaskOutcome, ...TaskOutcome[]]),
                  amount: z.number().positive().optional(),
                  promisedFor: dateOrTime.optional(),
                  /** payment-plan: the plan agreed on the phone; the schedule is worked out from the case's balance. */
                  plan: agentPlan.optional(),
                  note: z.string().max(2000).optional(),
                }),
              },
            },
            required: true,
          },
        },
        responses: {
          200: json(taskView, 'Recorded'),
          ...problemResponses,
          ...bodyProblems,
          ...notFound,
          409: problemOf('Already completed, or cancelled (its case was erased)'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const body = c.req.valid('json')
        const principal = c.get('principal')
        // A plan is checked before the task is completed: a refused one leaves the task as it was.
        let planData: ReturnType<typeof planAgreedData> | undefined
        if (body.outcome === 'payment-plan') {
          if (!body.plan)
            return problem(c, 400, 'the outcome payment-plan needs plan: {count, interval, firstDate}', { errors: [{ path: 'plan', message: 'is required' }] })
          const owed = await db
            .selectFrom('tasks')
            .innerJoin('cases', 'cases.id', 'tasks.case_id')
            .select(['cases.balance', 'cases.currency'])
            .where('tasks.id', '=', id)
            .executeTakeFirst()
          if (owed && owed.balance <= 0) return problem(c, 409, 'nothing is owed on the case: there is no plan to agree')
          const today = new Date(engine.clock.now()).toISOString().slice(0, 10)
          if (body.plan.firstDate < today) {
            return problem(c, 400, `plan.firstDate: must be today (${today}) or later`, {
              errors: [{ path: 'plan.firstDate', message: `must be today (${today}) or later` }],
            })
          }
          if (owed) {
            const schedule = instalmentSchedule({ balance: owed.balance, ...body.plan })
            planData = planAgreedData(schedule, body.plan.interval, owed.currency, 'agent')
          }
        }
        const result = await completeTask(db, id, body.outcome, engine.clock.now(), {
          principal: principal.id,
          supervise: can(principal.role, 'tasks:supervise'),
        })
        if (result === 'missing') return problem(c, 404, `no task "${id}"`)
        if (result === 'not-yours')
          return problem(c, 403, 'another agent claimed this task: only they, or a key that may supervise tasks (admin), can complete it', {
            permission: 'tasks:supervise',
          })
        if (result === 'done') return problem(c, 409, 'the task is completed already')
        if (result === 'cancelled') return problem(c, 409, 'the task was cancelled: its case was erased')
        const data = {
          taskId: id,
          outcome: body.outcome,
          ...(body.amount ? { amount: body.amount } : {}),
          ...(body.promisedFor ? { promisedFor: body.promisedFor } : {}),
          // The engine keeps an agent's promise or plan like the portal's.
          ...(body.outcome === 'promise-to-pay' || body.outcome === 'payment-plan' ? { via: 'agent' } : {}),
          ...planData,
        }
        await engine.ingest([{ id: `task/${id}`, type: taskOutcomes[body.outcome], caseId: result.caseId, data }], 'runtime')
        return c.json(result, 200)
      },
    )
  return routes
}
