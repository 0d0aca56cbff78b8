import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { caseInput } from '../engine/testing'
import type { Problem } from './problem'
import { snapshot, startApi, type RequestOptions, type TestApi } from './testing'

const limits = { json: 4096, bulk: 8192, import: 8192 }

/** A published journey with a newer draft, and a case: what the bad requests below must leave alone. */
async function setup() {
  const api = await startApi({ limits })
  await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: sampleJourney() })
  await api.expectStatus(201, 'POST', '/api/journeys/sample/publish')
  await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: { ...sampleJourney(), name: 'Sample, edited' } })
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
  return api
}

async function expectUnchanged(api: TestApi, before: Awaited<ReturnType<typeof snapshot>>) {
  expect(await snapshot(api)).toEqual(before)
  expect(await api.expectStatus(200, 'GET', '/api/cases/c-1')).toMatchObject({ debtor: caseInput('c-1').debtor, amountDue: 100, balance: 100 })
  expect(await api.expectStatus(200, 'GET', '/api/journeys/sample')).toMatchObject({ name: 'Sample, edited', latestVersion: 1, hasDraft: true })
}

const padding = (bytes: number) => 'x'.repeat(bytes)
const jsonl = (count: number) => Array.from({ length: count }, (_, i) => JSON.stringify(caseInput(`bulk-${i}`))).join('\n')

interface BadRequest {
  name: string
  method: string
  path: string
  options: RequestOptions
  status: number
  detail?: string | RegExp
}

const badRequests: BadRequest[] = [
  {
    name: 'a case over the JSON limit',
    method: 'PUT',
    path: '/api/cases/c-1',
    options: { body: caseInput('c-1', { attributes: { note: padding(5000) } }) },
    status: 413,
    detail: 'the body is larger than 4096 bytes',
  },
  {
    name: 'a draft over the JSON limit',
    method: 'PUT',
    path: '/api/journeys/sample/draft',
    options: { body: { ...sampleJourney(), description: padding(1000) } },
    status: 413,
  },
  {
    name: 'an event over the JSON limit',
    method: 'POST',
    path: '/api/events',
    options: { body: { type: 'note.added', caseId: 'c-1', data: { text: padding(5000) } } },
    status: 413,
  },
  {
    name: 'an import over the import limit',
    method: 'POST',
    path: '/api/cases/import',
    options: { body: jsonl(30), type: 'application/x-ndjson' },
    status: 413,
    detail: 'the body is larger than 8192 bytes',
  },
  {
    name: 'bulk events over the bulk limit',
    method: 'POST',
    path: '/api/events/bulk',
    options: { body: padding(9000), type: 'application/x-ndjson' },
    status: 413,
  },
  {
    name: 'a case in malformed JSON',
    method: 'PUT',
    path: '/api/cases/c-1',
    options: { body: '{"id": "c-1", "debtor": {', type: 'application/json' },
    status: 400,
    detail: /JSON/,
  },
  {
    name: 'a draft in malformed JSON',
    method: 'PUT',
    path: '/api/journeys/sample/draft',
    options: { body: '{"format": "dunwell/journey@1", ', type: 'application/json' },
    status: 400,
  },
  { name: 'an event in malformed JSON', method: 'POST', path: '/api/events', options: { body: "{'type': 'optout'}", type: 'application/json' }, status: 400 },
  {
    name: 'a validation request in malformed JSON',
    method: 'POST',
    path: '/api/journeys/validate',
    options: { body: '[', type: 'application/json' },
    status: 400,
  },
  {
    name: 'a simulation over the bulk limit',
    method: 'POST',
    path: '/api/simulations',
    options: {
      body: {
        journey: sampleJourney(),
        cases: [caseInput('c-1', { attributes: { note: padding(9000) } })],
        start: '2026-11-23T09:00:00Z',
        days: 3,
        trace: true,
      },
    },
    status: 413,
    detail: 'the body is larger than 8192 bytes',
  },
  { name: 'a simulation in malformed JSON', method: 'POST', path: '/api/simulations', options: { body: '{"journey":', type: 'application/json' }, status: 400 },
  { name: 'bulk events in malformed JSON', method: 'POST', path: '/api/events/bulk', options: { body: '[{"type": ', type: 'application/json' }, status: 400 },
  { name: 'a case that is JSON null', method: 'PUT', path: '/api/cases/c-1', options: { body: 'null', type: 'application/json' }, status: 400 },
  {
    name: 'a case that is not JSON at all',
    method: 'PUT',
    path: '/api/cases/c-1',
    options: { body: JSON.stringify(caseInput('c-1', { amountDue: 1 })), type: 'text/plain' },
    status: 415,
  },
  { name: 'an unknown route', method: 'GET', path: '/nowhere', options: { as: null }, status: 404, detail: 'no route GET /nowhere' },
  { name: 'an unknown /api route', method: 'POST', path: '/api/journeys/sample/delete', options: { body: {} }, status: 404 },
  { name: 'a method a route does not have', method: 'DELETE', path: '/api/journeys/sample', options: {}, status: 404 },
]

describe('limits and malformed input', () => {
  for (const bad of badRequests) {
    it(`${bad.name}: ${bad.status} problem+json, nothing changed`, async () => {
      const api = await setup()
      const before = await snapshot(api)
      const response = await api.request(bad.method, bad.path, bad.options)
      expect(response.status).toBe(bad.status)
      expect(response.headers.get('Content-Type')).toBe('application/problem+json')
      const problem = (await response.json()) as Problem
      expect(problem).toMatchObject({ type: 'about:blank', title: expect.any(String), status: bad.status, detail: expect.any(String) })
      if (bad.detail) expect(problem.detail).toMatch(bad.detail)
      await expectUnchanged(api, before)
    })
  }

  it('the import takes its own limit, larger than the JSON one', async () => {
    const api = await setup()
    const body = jsonl(15)
    expect(Buffer.byteLength(body)).toBeGreaterThan(limits.json)
    expect(Buffer.byteLength(body)).toBeLessThan(limits.bulk)
    expect(await api.expectStatus(200, 'POST', '/api/cases/import', { body, type: 'application/x-ndjson' })).toMatchObject({
      counts: { create: 15, update: 0, refuse: 0 },
      problems: [],
    })
  })

  it('a body just under the JSON limit is accepted', async () => {
    const api = await setup()
    const body = caseInput('c-2', { attributes: { note: padding(3000) } })
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(limits.json)
    await api.expectStatus(201, 'PUT', '/api/cases/c-2', { body })
  })
})
