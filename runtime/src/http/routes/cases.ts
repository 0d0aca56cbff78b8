import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Schema } from 'hono'
import { eraseCase, getCase } from '../../engine/cases-admin'
import { timeline } from '../../engine/timeline'
import { casePolicySchema as casePolicy, caseViewSchema as caseView, timelineEntrySchema as timelineEntry, type CaseInput } from '@dunwell/contract'
import type { AppEnv, AppOptions } from '../app-types'
import { guard } from '../guard'
import { problem } from '../problem'
import { caseIdParam, caseInput, notFound, problemResponses, jsonResponse as json, problemOf, bodyProblems } from '../schemas'

const control = z.object({ journeyId: z.string().optional(), reason: z.string().max(200).optional() })

export function caseRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>, options: AppOptions) {
  const { db, engine } = options

  const routes = app
    .openapi(
      createRoute({
        method: 'put',
        operationId: 'putCase',
        path: '/api/cases/{id}',
        tags: ['cases'],
        summary: 'Create or update a case',
        description:
          'A new case’s balance is its amount due unless given. An update that changes what the journey’s goal reads (e.g. the balance) is checked against it at once.',
        middleware: guard(options, 'cases:write'),
        // The path names the case: the body may leave its id out, or repeat it.
        request: { params: caseIdParam, body: { content: { 'application/json': { schema: caseInput.partial({ id: true }) } }, required: true } },
        responses: {
          200: json(z.object({ id: z.string(), created: z.literal(false) }), 'Updated'),
          201: json(z.object({ id: z.string(), created: z.literal(true) }), 'Created'),
          ...problemResponses,
          ...bodyProblems,
          409: problemOf('The body’s id differs from the path'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const body = c.req.valid('json')
        if (body.id !== undefined && body.id !== id) return problem(c, 409, `the body's id "${body.id}" differs from the path's "${id}"`)
        const result = await engine.upsertCases([{ ...body, id } as CaseInput])
        if (result.errors.length > 0)
          return problem(c, 400, result.errors[0]!.message, { errors: result.errors.map((e) => ({ path: e.message.split(' ')[0]!, message: e.message })) })
        return result.created === 1 ? c.json({ id, created: true as const }, 201) : c.json({ id, created: false as const }, 200)
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getCase',
        path: '/api/cases/{id}',
        tags: ['cases'],
        summary: 'A case with its enrolments, holds and opt-outs',
        middleware: guard(options, 'cases:read'),
        request: { params: caseIdParam },
        responses: { 200: json(caseView, 'The case'), ...problemResponses, ...notFound },
      }),
      async (c) => {
        const found = await getCase(db, c.req.valid('param').id)
        return found ? c.json(found, 200) : problem(c, 404, `no case "${c.req.valid('param').id}"`)
      },
    )

    .openapi(
      createRoute({
        method: 'delete',
        operationId: 'eraseCase',
        path: '/api/cases/{id}',
        tags: ['cases'],
        summary: 'Erase a case’s personal data (GDPR)',
        description:
          'Removes the debtor’s personal data from every table (and from the database file’s free pages and log) and stops the case’s journeys; its open tasks are cancelled, its links lead to a page that says so, and it takes no more events or updates. The bare ledger (ids, amounts, dates, outcomes) stays.',
        middleware: guard(options, 'cases:erase'),
        request: { params: caseIdParam },
        responses: { 200: json(z.object({ id: z.string(), erased: z.literal(true) }), 'Erased'), ...problemResponses, ...notFound },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        if (!(await engine.exclusive(() => eraseCase(db, id, engine.clock.now())))) return problem(c, 404, `no case "${id}"`)
        await engine.store.purgeFreedPages()
        return c.json({ id, erased: true as const }, 200)
      },
    )

    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getCaseTimeline',
        path: '/api/cases/{id}/timeline',
        tags: ['cases'],
        summary: 'Everything that happened to a case, with the reason for every decision',
        middleware: guard(options, 'cases:read'),
        request: { params: caseIdParam },
        responses: { 200: json(z.array(timelineEntry), 'In order'), ...problemResponses, ...notFound },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        if (!(await getCase(db, id))) return problem(c, 404, `no case "${id}"`)
        return c.json(await timeline(db, id), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getCasePolicy',
        path: '/api/cases/{id}/policy',
        tags: ['cases'],
        summary: 'The contact rules in force for a case’s debtor, why they apply, and how far they are used now',
        description:
          'The policy’s rules and those of the jurisdictions the debtor lives in (by country and region), the widest contact hours, each frequency cap with the contacts of every journey that count against it and when it allows one more, the quiet periods running and until when.',
        middleware: guard(options, 'cases:read'),
        request: { params: caseIdParam },
        responses: { 200: json(casePolicy, 'The rules in force now'), ...problemResponses, ...notFound },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const explained = await engine.explainPolicy(id)
        if (!explained) return problem(c, 404, `no case "${id}"`)
        return c.json(explained, 200)
      },
    )

  for (const action of ['enrol', 'pause', 'resume', 'stop'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        operationId: `${action}Case`,
        path: `/api/cases/{id}/${action}`,
        tags: ['cases'],
        summary: {
          enrol: 'Enrol a case in a journey now',
          pause: 'Pause a case’s journeys (or one)',
          resume: 'Resume a paused case',
          stop: 'Stop a case’s journeys (or one) for good',
        }[action],
        description: 'Applied by the engine in order with the case’s other events; the timeline shows it.',
        middleware: guard(options, 'cases:write'),
        request: {
          params: caseIdParam,
          body: {
            content: { 'application/json': { schema: action === 'enrol' ? control.extend({ journeyId: z.string() }) : control } },
            required: action === 'enrol',
          },
        },
        responses: {
          202: json(z.object({ accepted: z.literal(true) }), 'Queued for the engine'),
          ...problemResponses,
          ...bodyProblems,
          404: problemOf('No such case, or no such journey'),
          ...(action === 'enrol'
            ? {
                409: problemOf(
                  'The journey enrols no one (archived, paused, or not published yet), or the case is in it already (`enrolment` says since when and where)',
                ),
              }
            : {}),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        // An erased case is gone for its journeys: nothing can enrol or resume it.
        const live = await db.selectFrom('cases').select('id').where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst()
        if (!live) return problem(c, 404, `no case "${id}"`)
        const body = (c.req.valid('json') ?? {}) as z.infer<typeof control>
        if (body.journeyId !== undefined) {
          const journey = await db.selectFrom('journeys').select('status').where('id', '=', body.journeyId).executeTakeFirst()
          if (!journey) return problem(c, 404, `no journey "${body.journeyId}"`, { errors: [{ path: 'journeyId', message: `no journey "${body.journeyId}"` }] })
          if (action === 'enrol') {
            const published = await db.selectFrom('journey_versions').select('version').where('journey_id', '=', body.journeyId).limit(1).executeTakeFirst()
            const refusal =
              journey.status === 'archived'
                ? 'is archived'
                : journey.status === 'paused'
                  ? 'is paused: resume it to enrol cases'
                  : !published
                    ? 'has no published version yet: publish it first'
                    : undefined
            if (refusal) return problem(c, 409, `journey "${body.journeyId}" ${refusal}`, { errors: [{ path: 'journeyId', message: refusal }] })
            const existing = await db
              .selectFrom('enrolments')
              .select(['id', 'journey_id', 'version', 'status', 'node', 'entered_at'])
              .where('case_id', '=', id)
              .where('journey_id', '=', body.journeyId)
              .where('status', 'in', ['active', 'paused'])
              .executeTakeFirst()
            if (existing && (existing.status === 'active' || existing.status === 'paused')) {
              const enrolment = {
                id: existing.id,
                journeyId: existing.journey_id,
                version: existing.version,
                status: existing.status,
                node: existing.node,
                since: new Date(Number(existing.entered_at)).toISOString(),
              }
              return problem(c, 409, `case "${id}" is in journey "${body.journeyId}" already (version ${existing.version}, at step "${existing.node}")`, {
                errors: [{ path: 'journeyId', message: 'the case is in this journey already' }],
                enrolment,
              })
            }
          }
        }
        await engine.control(id, action, body)
        return c.json({ accepted: true as const }, 202)
      },
    )
  }
  return routes
}
