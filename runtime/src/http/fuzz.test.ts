import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sampleJourney } from '@dunwell/journey/testing'
import { caseInput } from '../engine/testing'
import { startApi } from './testing'

interface Operation {
  method: string
  path: string
  body?: string
  query: string[]
}

/** Every operation of the served document, with the media type of its body and its query parameters. */
async function operations(app: { request: (path: string) => Response | Promise<Response> }): Promise<Operation[]> {
  const document = (await (await app.request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; parameters?: { in: string; name: string }[] }>>
  }
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      ...(operation.requestBody ? { body: Object.keys(operation.requestBody.content)[0]! } : {}),
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  )
}

const hostileNames = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__']

/** Ids a client may choose: ordinary, existing, prototype-named, traversing, encoded, long, odd characters. */
const ids = fc.oneof(
  fc.constantFrom('c-1', 'fuzz-journey', 'sms', '1', '0', '-1', '1e3', 'NaN', ' ', '%00', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(300), 'Jürgen 😀'),
  fc.constantFrom(...hostileNames),
  fc.string({ minLength: 1, maxLength: 40 }),
)

/** JSON text to post: random values, deep nesting, huge or prototype-named keys, and near-miss case and event bodies. */
const bodies = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.integer({ min: 65, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 65, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc
    .record({ key: fc.constantFrom(...hostileNames), value: fc.jsonValue({ maxDepth: 2 }) })
    .map(({ key, value }) => `{"${key}":${JSON.stringify(value)},"type":"${key}","caseId":"${key}","id":"${key}"}`),
  fc.constant(JSON.stringify({ ['k'.repeat(100_000)]: 1 })),
  fc.constant('{"journey":'),
  fc.constant('\u0000\u0001\uFFFF'),
  fc
    .record({
      id: ids,
      type: fc.constantFrom('payment.received', 'promise.made', 'optout', 'dispute.opened', 'constructor', 'invoice.overdue'),
      caseId: ids,
      at: fc.constantFrom('2026-02-31T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'yesterday', '2026-11-23T09:00:00Z'),
      data: fc.record({ amount: fc.oneof(fc.double(), fc.constantFrom(5e-324, 1e308, -1, 0)), channel: fc.constantFrom('email', 'sms', '__proto__') }),
    })
    .map((event) => JSON.stringify(event)),
  fc
    .record({
      amountDue: fc.oneof(fc.double(), fc.constantFrom(1e21, -0, 0.001)),
      currency: fc.constantFrom('EUR', 'JPY', 'eur', 'XXX', ''),
      dueDate: fc.string(),
    })
    .map((fields) => JSON.stringify({ ...caseInput('fuzz-case'), ...fields })),
)

const mediaTypes = fc.constantFrom('application/json', 'text/plain', 'application/x-ndjson', 'text/csv', 'application/json; charset=utf-16', '')

describe('the API under fuzzing', () => {
  it('answers every operation of its document, fed random and hostile input, without a server error (seeded)', async () => {
    const api = await startApi()
    const published = { ...sampleJourney(), id: 'fuzz-journey' }
    await api.expectStatus(200, 'PUT', '/api/journeys/fuzz-journey/draft', { body: published })
    await api.expectStatus(201, 'POST', '/api/journeys/fuzz-journey/publish', { body: {} })
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    const all = await operations(api.app)
    expect(all.length).toBeGreaterThan(30)
    const failures: string[] = []
    let requests = 0
    const statuses = new Map<number, number>()
    for (const operation of all) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(ids, { minLength: 3, maxLength: 3 }),
          fc.array(fc.tuple(fc.constantFrom(...operation.query, 'limit', '__proto__'), fc.oneof(ids, fc.constantFrom('-1', '1e9', 'true', '[]'))), {
            maxLength: 3,
          }),
          bodies,
          fc.oneof(fc.constant(operation.body ?? 'application/json'), mediaTypes),
          async ([a, b, c], query, body, type) => {
            const filled = [a, b, c]
            const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(filled.shift()!))
            const search = new URLSearchParams(query).toString()
            const response = await api.app.request(`${path}${search ? `?${search}` : ''}`, {
              method: operation.method,
              headers: { Authorization: `Bearer ${api.keys.admin}`, ...(type ? { 'Content-Type': type } : {}) },
              ...(operation.method === 'GET' || operation.method === 'HEAD' ? {} : { body }),
            })
            requests++
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
            const text = await response.text()
            if (response.status >= 500) failures.push(`${operation.method} ${path} (${type}, ${body.slice(0, 80)}): ${response.status} ${text.slice(0, 200)}`)
          },
        ),
        { seed: 20261204, numRuns: 80, endOnFailure: true },
      )
    }
    expect(requests).toBeGreaterThan(3000)
    // Past the door too: some requests were taken (2xx), and refusals say why in several ways.
    expect(
      [...statuses.keys()].some((status) => status < 300),
      JSON.stringify([...statuses]),
    ).toBe(true)
    expect([...statuses.keys()].filter((status) => status >= 400).length).toBeGreaterThan(3)
    console.log(
      `fuzzed ${requests} requests over ${all.length} operations: ${[...statuses]
        .sort((x, y) => x[0] - y[0])
        .map(([status, n]) => `${n}×${status}`)
        .join(', ')}`,
    )
    expect(failures).toEqual([])
  }, 240_000)
})
