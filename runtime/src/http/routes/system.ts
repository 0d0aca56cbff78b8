import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Schema } from 'hono'
import { TRACE_LIMITS, TraceRequestError } from '../../simulate/simulate'
import { simulateInWorker } from '../../simulate/simulate-in-worker'
import { parseContactPolicy } from '../../policy'
import { caseInputSchema, contactPolicyViewSchema } from '@dunwell/contract'
import { eventInputSchema, healthSchema as healthView, simulationReportSchema } from '@dunwell/contract'
import type { VirtualClock } from '../../clock'
import type { AppEnv, AppOptions } from '../app-types'
import { breather } from '../../engine/breathe'
import { describeContactPolicy } from '../../engine/explain-policy'
import { admission, busy } from '../admission'
import { guard } from '../guard'
import { issuesToErrors, problem } from '../problem'
import { openProblemResponses, problemResponses, jsonResponse as json, problemOf, bodyProblems } from '../schemas'

const simulationRequest = z
  .object({
    journey: z.unknown().openapi({ description: 'A journey document (a draft is fine: it is validated first)' }),
    cases: z.array(caseInputSchema).min(1).max(20_000),
    events: z.array(eventInputSchema).max(100_000).optional(),
    policy: z.record(z.string(), z.unknown()).optional(),
    start: z.string().datetime({ offset: true }),
    days: z.number().int().min(1).max(365),
    trace: z
      .union([z.boolean(), z.array(z.string().min(1).max(128)).min(1).max(TRACE_LIMITS.cases)])
      .optional()
      .openapi({
        description: `Also return \`traces\`: the steps of every case (\`true\`, at most ${TRACE_LIMITS.cases} cases) or of the cases named, with the messages rendered`,
      }),
  })
  .openapi('SimulationRequest')

/**
 * The request as the handler reads it: the few fields on their own, the cases and events one by one in slices (zod
 * over 20,000 cases takes about half a second: requests are answered between slices). The same rules as
 * `simulationRequest`, which documents the body; an issue's path is the one the whole schema would give.
 */
async function readSimulationRequest(body: unknown) {
  const head = simulationRequest
    .omit({ cases: true, events: true })
    .extend({ cases: z.array(z.unknown()).min(1).max(20_000), events: z.array(z.unknown()).max(100_000).optional() })
  const parsed = head.safeParse(body)
  if (!parsed.success) return { ok: false as const, issues: parsed.error.issues }
  const breathe = breather()
  const issues: z.core.$ZodIssue[] = []
  const each = async <T>(name: 'cases' | 'events', items: unknown[], schema: z.ZodType<T>) => {
    const valid: T[] = []
    for (let index = 0; index < items.length && issues.length < 100; index++) {
      const item = schema.safeParse(items[index])
      if (item.success) valid.push(item.data)
      else issues.push(...item.error.issues.map((issue) => ({ ...issue, path: [name, index, ...issue.path] })))
      await breathe()
    }
    return valid
  }
  const cases = await each('cases', parsed.data.cases, caseInputSchema)
  const events = await each('events', parsed.data.events ?? [], eventInputSchema)
  if (issues.length > 0) return { ok: false as const, issues }
  return { ok: true as const, value: { ...parsed.data, cases, events } }
}

/** Health, simulation and (for tests and demos only) the clock. */
export function systemRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions, health: () => Record<string, unknown>) {
  const { engine } = options
  const admit = admission(options)
  app.openAPIRegistry.register('SimulationRequest', simulationRequest)

  const routes = app
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getHealth',
        path: '/health',
        tags: ['system'],
        security: [],
        summary: 'Is the runtime up, and is its scheduler keeping up?',
        responses: { 200: json(healthView, 'Up'), ...openProblemResponses },
      }),
      async (c) => {
        await options.db.selectFrom('journeys').select('id').limit(1).execute()
        return c.json(
          {
            status: 'ok' as const,
            time: new Date(engine.clock.now()).toISOString(),
            backlog: await engine.backlog(),
            simulations: admit.simulations(),
            ...health(),
          },
          200,
        )
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getContactPolicy',
        path: '/api/policy',
        tags: ['system'],
        summary: 'The runtime’s contact policy: the widest contact hours, the caps across journeys, the quiet periods, the rules by jurisdiction',
        description:
          'What every journey must respect and none can widen (a journey’s own contact hours only narrow these). `GET /api/cases/{id}/policy` says which of it applies to one debtor, and how far it is used.',
        middleware: guard(options, 'journeys:read'),
        responses: { 200: json(contactPolicyViewSchema, 'The policy the runtime runs with'), ...problemResponses },
      }),
      (c) => c.json(describeContactPolicy(engine.policy), 200),
    )

    .openapi(
      createRoute({
        method: 'post',
        operationId: 'runSimulation',
        path: '/api/simulations',
        tags: ['simulation'],
        summary: 'Run a journey for a portfolio on a virtual clock, in a throwaway database',
        description: 'The very engine of production: every case enters at `start`, events fire at their `at`. Nothing touches the live data.',
        middleware: [guard(options, 'simulate'), admit.simulation] as const,
        // Documented by the schema, read by the handler in slices (a schema object that is not zod is not validated).
        request: { body: { content: { 'application/json': { schema: { $ref: '#/components/schemas/SimulationRequest' } } }, required: true } },
        responses: {
          200: json(simulationReportSchema, 'The report: nodes, outcomes, messages, cases, splits; traces when asked for'),
          ...problemResponses,
          ...bodyProblems,
          ...busy,
          422: problemOf('The journey has errors'),
        },
      }),
      async (c) => {
        const read = await readSimulationRequest(await c.req.json())
        if (!read.ok) {
          const errors = issuesToErrors(read.issues)
          const more = errors.length > 1 ? ` (and ${errors.length - 1} more: see errors)` : ''
          return problem(c, 400, `the request does not fit the API: ${errors[0]!.path}: ${errors[0]!.message}${more}`, { errors })
        }
        const body = read.value
        let policy
        if (body.policy) {
          const parsed = parseContactPolicy(body.policy)
          if (!parsed.ok) return problem(c, 400, 'the policy is not valid', { errors: parsed.errors.map((message) => ({ path: 'policy', message })) })
          policy = parsed.policy
        }
        try {
          const report = await simulateInWorker({
            journey: body.journey,
            cases: body.cases,
            events: body.events ?? [],
            ...(policy ? { policy } : {}),
            start: new Date(body.start),
            days: body.days,
            ...(body.trace ? { trace: body.trace } : {}),
          })
          // The thread's JSON text as it is: the report is not parsed and written again on the server's own thread.
          return c.body(report, 200, { 'Content-Type': 'application/json' }) as never
        } catch (error) {
          if (error instanceof TraceRequestError) return problem(c, 400, error.message, { errors: [{ path: 'trace', message: error.message }] })
          const message = error instanceof Error ? error.message : String(error)
          if (/journey has errors/.test(message)) return problem(c, 422, message)
          throw error
        }
      },
    )

  // Typed as if always there, so that the client knows it; served only with a test clock.
  return (options.testClock ? clockRoutes(routes, options.testClock, options) : routes) as ReturnType<
    typeof clockRoutes<typeof routes extends OpenAPIHono<AppEnv, infer R> ? R : never>
  >
}

function clockRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, clock: VirtualClock, options: AppOptions) {
  const { engine } = options
  return app.openapi(
    createRoute({
      method: 'post',
      operationId: 'advanceTestClock',
      path: '/api/test/clock',
      tags: ['system'],
      summary: 'Move the virtual clock forward (only when the server runs with a test clock)',
      middleware: guard(options, 'clock:control'),
      request: { body: { content: { 'application/json': { schema: z.object({ advanceTo: z.string().datetime({ offset: true }) }) } }, required: true } },
      responses: {
        200: json(z.object({ now: z.string(), items: z.number(), steps: z.number() }), 'Moved; everything due on the way has run'),
        ...problemResponses,
        ...bodyProblems,
        404: problemOf('The server runs without a test clock'),
        409: problemOf('That is in the past'),
      },
    }),
    async (c) => {
      const target = Date.parse(c.req.valid('json').advanceTo)
      if (target < clock.now()) return problem(c, 409, `the clock is at ${new Date(clock.now()).toISOString()}; it never runs backwards`)
      const result = await engine.advanceTo(target)
      return c.json({ now: new Date(clock.now()).toISOString(), items: result.items, steps: result.steps }, 200)
    },
  )
}
