import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Schema } from 'hono'
import { eventId } from '../../engine/ingest'
import { eventInputSchema, type EventInput } from '../../wire/event-input'
import { parseJsonl } from '../../wire/parse-jsonl'
import type { AppEnv, AppOptions } from '../app-types'
import { guard } from '../guard'
import { problem } from '../problem'
import { eventInput, lineReport, problemResponses, jsonResponse as json } from '../schemas'


export function eventRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  const { engine } = options

  const routes = app.openapi(
    createRoute({
      method: 'post',
      path: '/api/events',
      tags: ['events'],
      summary: 'Report one event (payment, promise, dispute, opt-out, …)',
      description: 'Idempotent: an `id` seen before changes nothing (without an id, the same content at the same time is the same event). Applied by the engine in time order; `at` defaults to now.',
      middleware: guard(options, 'events:write'),
      request: { body: { content: { 'application/json': { schema: eventInput } }, required: true } },
      responses: { 202: json(z.object({ id: z.string(), duplicate: z.boolean() }), 'Accepted for the engine'), ...problemResponses, 404: { description: 'No such case' } },
    }),
    async (c) => {
      const event = c.req.valid('json') as EventInput
      const now = engine.clock.now()
      const result = await engine.ingest([event])
      if (result.errors.length > 0) return problem(c, 404, result.errors[0]!.message, { errors: [{ path: 'caseId', message: result.errors[0]!.message }] })
      return c.json({ id: eventId(event, now), duplicate: result.duplicates > 0 }, 202)
    },
  )

  .openapi(
    createRoute({
      method: 'post',
      path: '/api/events/bulk',
      tags: ['events'],
      summary: 'Report many events: JSON Lines, or a JSON array',
      description: 'Send `application/x-ndjson` (one event per line) or `application/json` with an array of events. Good lines are accepted even when others are wrong; the report names each bad line and what is wrong with it.',
      middleware: guard(options, 'events:write'),
      // Parsed by the handler, line by line: a bad line must not reject the good ones.
      request: { body: { content: { 'application/x-ndjson': { schema: z.string().openapi({ description: 'One EventInput per line' }) } }, required: true } },
      responses: { 200: json(lineReport, 'What was accepted, and what was wrong on which line'), ...problemResponses, 415: { description: 'Neither JSON Lines nor a JSON array' } },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? ''
      let parsed
      if (type.includes('ndjson') || type.includes('jsonl')) parsed = parseJsonl(await c.req.text(), eventInputSchema)
      else if (type.includes('json')) {
        const body = await c.req.json().catch(() => undefined)
        if (!Array.isArray(body)) return problem(c, 400, 'the body must be a JSON array of events (or send application/x-ndjson)')
        parsed = parseJsonl(body.map((item) => JSON.stringify(item)).join('\n'), eventInputSchema)
      } else return problem(c, 415, 'send application/x-ndjson (JSON Lines) or a JSON array')
      const result = await engine.ingest(parsed.items.map((item) => item.value))
      return c.json(
        {
          accepted: result.accepted,
          duplicates: result.duplicates,
          errors: [...parsed.errors, ...result.errors.map((e) => ({ line: parsed.items[e.index]?.line ?? 0, ...(e.id ? { id: e.id } : {}), message: e.message }))].sort((a, b) => a.line - b.line),
        },
        200,
      )
    },
  )
  return routes
}
