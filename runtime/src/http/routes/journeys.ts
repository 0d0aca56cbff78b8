import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Schema } from 'hono'
import { compile, validate, type Journey } from '@dunwell/journey'
import {
  diagnosticsSchema as diagnostics,
  draftDocumentSchema as draftDocument,
  journeySummarySchema as journeySummary,
  journeyViewSchema as journeyView,
  publishedSchema,
  versionSummarySchema as versionSummary,
} from '@dunwell/contract'
import { PublishError } from '../../engine/engine'
import { getJourney, getVersion, listJourneys, listVersions, saveDraft, setJourneyStatus } from '../../engine/journeys-catalog'
import type { AppEnv, AppOptions } from '../app-types'
import { guard } from '../guard'
import { problem } from '../problem'
import { problemSchema, journeyDocument, journeyIdParam, notFound, problemResponses, jsonResponse as json, problemOf, bodyProblems } from '../schemas'

const versionParams = journeyIdParam.extend({
  version: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'version', in: 'path' } }),
})

export function journeyRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  const { db, engine } = options

  const routes = app
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'listJourneys',
        path: '/api/journeys',
        tags: ['journeys'],
        summary: 'List journeys',
        middleware: guard(options, 'journeys:read'),
        responses: { 200: json(z.array(journeySummary), 'Every journey'), ...problemResponses },
      }),
      async (c) => c.json(await listJourneys(db), 200),
    )

    .openapi(
      createRoute({
        method: 'post',
        operationId: 'validateJourney',
        path: '/api/journeys/validate',
        tags: ['journeys'],
        summary: 'Check a journey document without saving it',
        middleware: guard(options, 'journeys:read'),
        request: {
          body: { content: { 'application/json': { schema: z.unknown().openapi({ description: 'A journey document, valid or not' }) } }, required: true },
        },
        responses: { 200: json(diagnostics, 'Every problem, each naming the node, edge or field at fault'), ...problemResponses, ...bodyProblems },
      }),
      async (c) => {
        const found = validate(await c.req.json())
        return c.json({ valid: !found.some((d) => d.severity === 'error'), diagnostics: found }, 200)
      },
    )

    .openapi(
      createRoute({
        method: 'put',
        operationId: 'putJourneyDraft',
        path: '/api/journeys/{id}/draft',
        tags: ['journeys'],
        summary: 'Create or update a journey’s draft',
        description: 'Saves unfinished work too; the answer lists what must be fixed before publishing.',
        middleware: guard(options, 'journeys:write'),
        // Unfinished work is saved as it is: the answer's diagnostics say what to fix, not a 400.
        request: { params: journeyIdParam, body: { content: { 'application/json': { schema: draftDocument } }, required: true } },
        responses: {
          200: json(diagnostics, 'Saved'),
          ...problemResponses,
          ...bodyProblems,
          409: problemOf('The document’s id differs from the path, or the journey is archived'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const document = c.req.valid('json') as Journey
        if (typeof document !== 'object' || document === null || Array.isArray(document))
          return problem(c, 400, 'the body must be a journey document (a JSON object)')
        if (document.id !== id) return problem(c, 409, `the document's id "${document.id}" differs from the path's "${id}"`)
        const existing = await getJourney(db, id)
        if (existing?.status === 'archived') return problem(c, 409, `journey "${id}" is archived`)
        const found = await saveDraft(db, document, engine.clock.now())
        return c.json({ valid: !found.some((d) => d.severity === 'error'), diagnostics: found }, 200)
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getJourney',
        path: '/api/journeys/{id}',
        tags: ['journeys'],
        summary: 'A journey with its working copy (the draft, else the latest version)',
        middleware: guard(options, 'journeys:read'),
        request: { params: journeyIdParam },
        responses: {
          200: json(journeyView, 'The journey, with its draft (which may be unfinished) or else its latest version'),
          ...problemResponses,
          ...notFound,
        },
      }),
      async (c) => {
        const journey = await getJourney(db, c.req.valid('param').id)
        return journey ? c.json(journey, 200) : problem(c, 404, `no journey "${c.req.valid('param').id}"`)
      },
    )

    .openapi(
      createRoute({
        method: 'post',
        operationId: 'publishJourney',
        path: '/api/journeys/{id}/publish',
        tags: ['journeys'],
        summary: 'Publish the draft as a new immutable version',
        middleware: guard(options, 'journeys:publish'),
        request: {
          params: journeyIdParam,
          body: { content: { 'application/json': { schema: z.object({ note: z.string().max(2000).optional() }) } }, required: false },
        },
        responses: {
          201: json(publishedSchema, 'Published'),
          ...problemResponses,
          ...bodyProblems,
          ...notFound,
          409: problemOf('The journey is archived, or has no draft to publish'),
          422: {
            description: 'The draft has errors (their diagnostics), or the engine refused it (a problem): nothing was published',
            content: { 'application/json': { schema: diagnostics }, 'application/problem+json': { schema: problemSchema } },
          },
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const journey = await getJourney(db, id)
        if (!journey?.document) return problem(c, 404, `no journey "${id}"`)
        if (journey.status === 'archived') return problem(c, 409, `journey "${id}" is archived: it publishes nothing`)
        if (!journey.hasDraft) return problem(c, 409, `journey "${id}" has no draft to publish (its latest version is ${journey.latestVersion})`)
        const body = c.req.header('content-type')?.includes('json') ? ((await c.req.json().catch(() => ({}))) as { note?: string }) : {}
        const compiled = compile(journey.document)
        if (!compiled.ok) return c.json({ valid: false, diagnostics: compiled.diagnostics }, 422)
        try {
          return c.json(await engine.publish(journey.document, body.note), 201)
        } catch (error) {
          if (error instanceof PublishError) return problem(c, 422, error.message)
          throw error
        }
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'listJourneyVersions',
        path: '/api/journeys/{id}/versions',
        tags: ['journeys'],
        summary: 'Published versions, newest first',
        middleware: guard(options, 'journeys:read'),
        request: { params: journeyIdParam },
        responses: { 200: json(z.array(versionSummary), 'Versions'), ...problemResponses },
      }),
      async (c) => c.json(await listVersions(db, c.req.valid('param').id), 200),
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getJourneyVersion',
        path: '/api/journeys/{id}/versions/{version}',
        tags: ['journeys'],
        summary: 'One published version',
        description: '`…/export` gives the same version as a file in the stable form, which diffs line by line.',
        middleware: guard(options, 'journeys:read'),
        request: { params: versionParams },
        responses: {
          200: json(z.object({ document: journeyDocument, note: z.string().nullable(), publishedAt: z.string() }), 'The version'),
          ...problemResponses,
          ...notFound,
        },
      }),
      async (c) => {
        const { id, version } = c.req.valid('param')
        const found = await getVersion(db, id, version)
        if (!found) return problem(c, 404, `journey "${id}" has no version ${version}`)
        return c.json({ document: found.document, note: found.note, publishedAt: found.publishedAt }, 200)
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'exportJourneyVersion',
        path: '/api/journeys/{id}/versions/{version}/export',
        tags: ['journeys'],
        summary: 'A published version as a file, in the stable form that diffs line by line',
        middleware: guard(options, 'journeys:read'),
        request: { params: versionParams },
        responses: {
          200: { description: 'The journey document (JSON), as an attachment', content: { 'application/json': { schema: journeyDocument } } },
          ...problemResponses,
          ...notFound,
        },
      }),
      async (c) => {
        const { id, version } = c.req.valid('param')
        const found = await getVersion(db, id, version)
        if (!found) return problem(c, 404, `journey "${id}" has no version ${version}`)
        // The stored text as it is (its stable key order is what diffs line by line): the JSON the document declares.
        return c.body(found.text, 200, {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${id}-v${version}.json"`,
        }) as never
      },
    )

  for (const [action, status] of [
    ['pause', 'paused'],
    ['resume', 'active'],
    ['archive', 'archived'],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        operationId: `${action}Journey`,
        path: `/api/journeys/{id}/${action}`,
        tags: ['journeys'],
        summary: {
          pause: 'Stop enrolling new cases (enrolled cases go on)',
          resume: 'Enrol new cases again',
          archive: 'Retire the journey: no new cases, read-only',
        }[action],
        middleware: guard(options, 'journeys:publish'),
        request: { params: journeyIdParam },
        responses: {
          200: json(z.object({ id: z.string(), status: journeySummary.shape.status }), 'Done'),
          ...problemResponses,
          ...notFound,
          409: problemOf('The journey is archived, which is final'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const journey = await getJourney(db, id)
        if (!journey) return problem(c, 404, `no journey "${id}"`)
        if (journey.status === 'archived' && action !== 'archive') return problem(c, 409, `journey "${id}" is archived, which is final`)
        await setJourneyStatus(db, id, status, engine.clock.now())
        await engine.refreshJourneys()
        return c.json({ id, status }, 200)
      },
    )
  }
  return routes
}
