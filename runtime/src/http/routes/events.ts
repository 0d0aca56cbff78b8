import { closestName, knownEventTypes } from '@dunwell/journey'
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Schema } from 'hono'
import { eventId } from '../../engine/ingest'
import { eventInputSchema, type EventInput } from '@dunwell/contract'
import { parseItemsSliced, parseJsonlSliced } from '../../wire/parse-jsonl'
import type { AppEnv, AppOptions } from '../app-types'
import { admission, busy } from '../admission'
import { guard } from '../guard'
import { problem } from '../problem'
import { eventInput, lineReport, problemResponses, jsonResponse as json, problemOf, bodyProblems } from '../schemas'

const eventWarning = z.object({ type: z.string(), message: z.string() }).openapi('EventWarning')

/** One warning per event type that neither the engine nor an active journey acts on: likely a typo, or a journey not yet published. */
function unheardWarnings(engine: AppOptions['engine'], events: EventInput[]): { type: string; message: string }[] {
  const unheard = [...new Set(events.map((event) => event.type))].filter((type) => !engine.isHeard(type))
  return unheard.map((type) => {
    const meant = closestName(type, [...engine.heardTypes(), ...knownEventTypes])
    return { type, message: `no active journey listens to "${type}": it is stored, but nothing happens${meant ? ` (did you mean ${meant}?)` : ''}` }
  })
}

export function eventRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  const { engine } = options
  const admit = admission(options)

  const routes = app
    .openapi(
      createRoute({
        method: 'post',
        operationId: 'postEvent',
        path: '/api/events',
        tags: ['events'],
        summary: 'Report one event (payment, promise, dispute, opt-out, …)',
        description:
          'Idempotent: an `id` seen before changes nothing (without an id, the same content at the same time is the same event). Applied by the engine in time order; `at` defaults to now. The data of the types the engine reads is checked here (`payment.received` needs a positive `data.amount`; `optout` a known `data.channel`; `plan.agreed` its `data.instalments` with due dates in order and an `interval`; `payment.reversed` the `data.providerPaymentId` it reverses; …): an event that does not fit is refused and nothing is stored. The engine keeps the promises (`promise.made` with a `data.date`) and plans it is told of and sends `promise.kept`/`promise.broken`, `plan.instalment.paid`/`plan.instalment.missed`, `plan.completed`/`plan.broken` itself. Any other type is stored; `warnings` says when no active journey listens to it.',
        middleware: [guard(options, 'events:write'), admit.events] as const,
        request: { body: { content: { 'application/json': { schema: eventInput } }, required: true } },
        responses: {
          202: json(
            z.object({ id: z.string(), duplicate: z.boolean(), warnings: z.array(eventWarning).optional() }),
            'Accepted for the engine; `warnings` when nothing listens to its type',
          ),
          ...problemResponses,
          ...bodyProblems,
          ...busy,
          404: problemOf('No such case'),
          422: problemOf('The data does not fit the case (e.g. more decimals than its currency has)'),
        },
      }),
      async (c) => {
        const event = c.req.valid('json') as EventInput
        const now = engine.clock.now()
        const result = await engine.ingest([event])
        const [error] = result.errors
        if (error)
          return problem(c, error.path === 'caseId' ? 404 : 422, error.message, {
            errors: [{ path: error.path, message: error.message.replace(`${error.path}: `, '') }],
          })
        const warnings = unheardWarnings(engine, [event])
        return c.json({ id: eventId(event, now), duplicate: result.duplicates > 0, ...(warnings.length > 0 ? { warnings } : {}) }, 202)
      },
    )

    .openapi(
      createRoute({
        method: 'post',
        operationId: 'postEventsBulk',
        path: '/api/events/bulk',
        tags: ['events'],
        summary: 'Report many events: JSON Lines, or a JSON array',
        description:
          'Send `application/x-ndjson` (one event per line) or `application/json` with an array of events. Good lines are accepted even when others are wrong; the report names each bad line and what is wrong with it.',
        middleware: [guard(options, 'events:write'), admit.events] as const,
        // Parsed by the handler, line by line: a bad line must not reject the good ones.
        request: { body: { content: { 'application/x-ndjson': { schema: z.string().openapi({ description: 'One EventInput per line' }) } }, required: true } },
        responses: {
          200: json(
            lineReport.extend({ warnings: z.array(eventWarning).optional() }),
            'What was accepted, what was wrong on which line, and which types nothing listens to',
          ),
          ...problemResponses,
          ...bodyProblems,
          ...busy,
          415: problemOf('Neither JSON Lines nor a JSON array'),
        },
      }),
      async (c) => {
        const type = c.req.header('content-type') ?? ''
        let parsed
        if (type.includes('ndjson') || type.includes('jsonl')) parsed = await parseJsonlSliced(await c.req.text(), eventInputSchema)
        else if (type.includes('json')) {
          const body = await c.req.json().catch(() => undefined)
          if (!Array.isArray(body)) return problem(c, 400, 'the body must be a JSON array of events (or send application/x-ndjson)')
          parsed = await parseItemsSliced(body, eventInputSchema)
        } else return problem(c, 415, 'send application/x-ndjson (JSON Lines) or a JSON array')
        const events = parsed.items.map((item) => item.value)
        const result = await engine.ingest(events)
        const refused = new Set(result.errors.map((e) => e.index))
        const warnings = unheardWarnings(
          engine,
          events.filter((_, index) => !refused.has(index)),
        )
        return c.json(
          {
            accepted: result.accepted,
            duplicates: result.duplicates,
            ...(warnings.length > 0 ? { warnings } : {}),
            errors: [
              ...parsed.errors,
              ...result.errors.map((e) => ({ line: parsed.items[e.index]?.line ?? 0, ...(e.id ? { id: e.id } : {}), message: e.message })),
            ].sort((a, b) => a.line - b.line),
          },
          200,
        )
      },
    )
  return routes
}
