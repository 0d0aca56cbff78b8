import { journeyJsonSchema } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { caseInput, exampleInput } from '../engine/testing'
import { snapshot, startApi } from './testing'

describe('POST /api/simulations', () => {
  const friendly = () => ({ ...exampleInput('friendly-reminder'), start: '2026-11-23T09:00:00Z', days: 40 })

  it('runs an example journey for its cases and reports what happened, touching no live data', async () => {
    const api = await startApi()
    await api.expectStatus(201, 'PUT', '/api/cases/live-1', { body: caseInput('live-1') })
    const before = await snapshot(api)
    const report = await api.expectStatus(200, 'POST', '/api/simulations', { as: 'editor', body: friendly() })
    // The figures examples/README.md shows for `dunwell simulate` of the same input.
    expect(report).toMatchObject({
      journey: 'friendly-reminder',
      start: '2026-11-23T09:00:00.000Z',
      end: '2027-01-02T09:00:00.000Z',
      outcomes: { 'no-response': 4, paid: 1, promised: 1 },
      rejected: [],
    })
    expect(report.nodes).toMatchObject({ overdue: { entered: 6 }, 'reminder-email': { entered: 6 }, promised: { entered: 1 }, 'no-response': { entered: 4 } })
    expect(report.cases['fr-002']).toEqual({
      status: 'done',
      outcome: 'promised',
      path: ['overdue', 'reminder-email', 'wait-3-days', 'offer-link', 'link-sms', 'await-promise', 'promised'],
    })
    const messages = report.messages as { status: string; reason?: string }[]
    expect(messages.filter((m) => m.status === 'sent')).toHaveLength(13)
    expect(
      messages
        .filter((m) => m.status === 'suppressed')
        .map((m) => m.reason)
        .sort(),
    ).toEqual(['no phone number for this debtor', 'opted out of sms'])
    expect(await snapshot(api)).toEqual(before)
  })

  it('refuses a journey with errors with 422', async () => {
    const api = await startApi()
    const broken = sampleJourney()
    delete (broken.templates as Record<string, unknown>).reminder
    const problem = await api.expectStatus(422, 'POST', '/api/simulations', {
      body: { journey: broken, cases: [caseInput('c-1')], start: '2026-11-23T09:00:00Z', days: 3 },
    })
    expect(problem).toMatchObject({ status: 422, detail: expect.stringContaining('the journey has errors') })
    expect(problem.detail).toContain('"reminder"')
  })

  it('returns the trace of the cases asked for, with the rendered messages, and no trace otherwise', async () => {
    const api = await startApi()
    const plain = await api.expectStatus(200, 'POST', '/api/simulations', { as: 'editor', body: friendly() })
    expect(plain).not.toHaveProperty('traces')
    const report = await api.expectStatus(200, 'POST', '/api/simulations', { as: 'editor', body: { ...friendly(), trace: ['fr-002'] } })
    expect(Object.keys(report.traces)).toEqual(['fr-002'])
    const trace = report.traces['fr-002'] as { timezone: string; steps: { kind: string; nodeId: string | null; message?: Record<string, string> }[] }
    expect(trace.timezone).toBe('Europe/London')
    expect(trace.steps.filter((step) => step.kind === 'entered').map((step) => step.nodeId)).toEqual(report.cases['fr-002'].path)
    const email = trace.steps.find((step) => step.message?.channel === 'email')!.message!
    expect(email).toMatchObject({
      subject: 'A quick reminder about your invoice',
      text: expect.stringContaining('Hello James'),
      html: expect.stringContaining('<html'),
    })
    const { traces: _traces, ...rest } = report
    expect(rest).toEqual(plain)
  })

  it('refuses a trace it cannot give with 400, naming the field', async () => {
    const api = await startApi()
    const unknown = await api.expectStatus(400, 'POST', '/api/simulations', { body: { ...friendly(), trace: ['fr-404'] } })
    expect(unknown).toMatchObject({
      detail: 'no case "fr-404" in this simulation to trace',
      errors: [{ path: 'trace', message: 'no case "fr-404" in this simulation to trace' }],
    })
    const many = Array.from({ length: 21 }, (_, i) => caseInput(`c-${i}`))
    const all = await api.expectStatus(400, 'POST', '/api/simulations', { body: { ...friendly(), events: [], cases: many, trace: true } })
    expect(all.detail).toMatch(/at most 20.*name the cases to trace/)
    const named = await api.expectStatus(400, 'POST', '/api/simulations', { body: { ...friendly(), trace: many.map((c) => c.id) } })
    expect(named.errors).toEqual([expect.objectContaining({ path: 'trace' })])
    const malformed = await api.expectStatus(400, 'POST', '/api/simulations', { body: { ...friendly(), trace: 'all' } })
    expect(malformed.errors).toEqual([expect.objectContaining({ path: 'trace' })])
    const documented = await api.expectStatus(200, 'GET', '/openapi.json', { as: null })
    expect(documented.components.schemas.SimulationRequest.properties.trace.description).toContain('traces')
  })

  it('refuses bad cases and a bad policy with 400, naming the field', async () => {
    const api = await startApi()
    const body = { journey: sampleJourney(), cases: [caseInput('c-1', { debtor: { email: 'nope' } })], start: '2026-11-23T09:00:00Z', days: 3 }
    const problem = await api.expectStatus(400, 'POST', '/api/simulations', { body })
    expect(problem.errors).toEqual([{ path: 'cases.0.debtor.email', message: 'must be an email address' }])
    const policy = await api.expectStatus(400, 'POST', '/api/simulations', {
      body: { ...body, cases: [caseInput('c-1')], policy: { contactHours: { start: 'dawn' } } },
    })
    expect(policy.errors).toEqual([expect.objectContaining({ path: 'policy' })])
    await api.expectStatus(400, 'POST', '/api/simulations', { body: { ...body, cases: [caseInput('c-1')], days: 0 } })
  })
})

describe('/openapi.json', () => {
  async function spec() {
    const api = await startApi()
    return { api, spec: await api.expectStatus(200, 'GET', '/openapi.json', { as: null }) }
  }

  it('is OpenAPI 3.1 with an operation, its responses and a problem+json error for every route', async () => {
    const { spec: doc } = await spec()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) })
    expect(doc.components.securitySchemes).toMatchObject({ apiKey: { type: 'http', scheme: 'bearer' } })
    expect(doc.servers).toEqual([{ url: expect.stringMatching(/^http/), description: expect.any(String) }])
    const operationIds = new Set<string>()
    for (const [path, operations] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: Record<string, unknown>; summary?: string; operationId?: string; security?: unknown[] }>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.summary, `${method} ${path}`).toEqual(expect.any(String))
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/)
        expect(operationIds.has(operation.operationId!), `${method} ${path}: ${operation.operationId} twice`).toBe(false)
        operationIds.add(operation.operationId!)
        // No key for what debtors, providers and monitors reach.
        if (!path.startsWith('/api/')) expect(operation.security, `${method} ${path}`).toEqual([])
        // Every error is a problem, in the one Problem schema.
        for (const [status, response] of Object.entries(operation.responses as Record<string, { content?: Record<string, { schema: unknown }> }>)) {
          // A debtor's page answers a person with a page; where a program may ask too, the problem is there as well.
          const pageOnly = response.content?.['text/html'] && !response.content['application/problem+json']
          if (Number(status) < 400 || /^\/(pay|optout)\//.test(path) || pageOnly || method === 'head') continue
          expect(response.content?.['application/problem+json']?.schema, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' })
        }
        expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0)
        if (path.startsWith('/api/'))
          expect(operation.responses['401'], `${method} ${path}`).toMatchObject({ content: { 'application/problem+json': expect.anything() } })
      }
    }
  })

  it('lists every /api route the app serves', async () => {
    const { api, spec: doc } = await spec()
    const served = new Set(
      api.app.routes
        .filter((route) => route.path.startsWith('/api/') && route.method !== 'ALL')
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    )
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path}`),
      ),
    )
    expect([...served].filter((route) => !documented.has(route))).toEqual([])
    for (const path of [
      '/api/journeys',
      '/api/journeys/{id}/draft',
      '/api/journeys/{id}/publish',
      '/api/cases/{id}',
      '/api/cases/import',
      '/api/events',
      '/api/events/bulk',
      '/api/messages',
      '/api/tasks',
      '/api/simulations',
      '/api/test/clock',
    ]) {
      expect(doc.paths, path).toHaveProperty([path])
    }
  })

  it('tells clients that /api needs the bearer key (so /docs sends it on “Try it out”)', async () => {
    const { spec: doc } = await spec()
    const required = (operation: { security?: unknown[] }) =>
      (operation.security ?? doc.security ?? []).some((rule: unknown) => Object.hasOwn(rule as object, 'apiKey'))
    const unguarded = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => path.startsWith('/api/') && !required(operation))
        .map(([method]) => `${method} ${path}`),
    )
    expect(unguarded).toEqual([])
  })

  it('describes the journey document with every node kind, as journey.schema.json does', async () => {
    const { spec: doc } = await spec()
    // A published version is a finished document (a draft may be unfinished: DraftDocument).
    const schema = doc.paths['/api/journeys/{id}/versions/{version}'].get.responses['200'].content['application/json'].schema.properties.document
    const resolve = (s: { $ref?: string }) => (s.$ref ? doc.components.schemas[s.$ref.split('/').at(-1)!] : s)
    const journey = resolve(schema)
    expect(Object.keys(journey.properties).sort()).toEqual(['$schema', 'description', 'edges', 'format', 'id', 'name', 'nodes', 'settings', 'templates'])
    const single = (s: { const?: string; enum?: string[] }) => s.const ?? s.enum?.[0]
    expect(single(journey.properties.format)).toBe('dunwell/journey@1')
    const kinds = (resolve(journey.properties.nodes.items).oneOf as { properties: { type: { const?: string; enum?: string[] } } }[])
      .map((node) => single(node.properties.type))
      .sort()
    expect(kinds).toEqual(['action', 'await-arrangement', 'call', 'email', 'entry', 'exit', 'letter', 'offer', 'segment', 'sms', 'split', 'wait', 'whatsapp'])
    expect(Object.keys(journey.properties).sort()).toEqual(Object.keys((journeyJsonSchema() as { properties: object }).properties).sort())
  })
})
