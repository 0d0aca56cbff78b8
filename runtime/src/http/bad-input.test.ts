import { describe, expect, it } from 'vitest'
import { caseInput } from '../engine/testing'
import { snapshot, startApi, type TestApi } from './testing'

async function withCase(currency = 'EUR') {
  const api = await startApi()
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { currency, amountDue: 100 }) })
  return api
}

/** JSON text nested `depth` objects deep inside `data` (JSON.stringify itself cannot write it: it overflows). */
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
const deepEvent = (id: string, depth: number) => `{"id":"${id}","type":"payment.note","caseId":"c-1","data":${deep(depth)}}`

const fieldsOf = (problem: { errors?: { path: string }[] }) => (problem.errors ?? []).map((e) => e.path)

describe('event types named like members of every JavaScript object', () => {
  it('are a 400 naming the type, alone or in a bulk (where only their lines are refused)', async () => {
    const api = await withCase()
    const before = await snapshot(api)
    for (const type of ['constructor', 'valueOf', '__proto__', 'toString', 'hasOwnProperty']) {
      const problem = await api.expectStatus(400, 'POST', '/api/events', { body: { id: `e-${type}`, type, caseId: 'c-1' } })
      expect(fieldsOf(problem), type).toContain('type')
    }
    expect(await snapshot(api)).toEqual(before)
    const lines = [
      JSON.stringify({ id: 'e-1', type: 'constructor', caseId: 'c-1' }),
      JSON.stringify({ id: 'pay-1', type: 'payment.received', caseId: 'c-1', data: { amount: 5 } }),
      JSON.stringify({ id: 'e-3', type: 'valueOf', caseId: 'c-1', data: { amount: 5 } }),
    ].join('\n')
    const report = await api.expectStatus(200, 'POST', '/api/events/bulk', { body: lines, type: 'application/x-ndjson' })
    expect(report).toMatchObject({
      accepted: 1,
      errors: [
        { line: 1, message: expect.stringContaining('type') },
        { line: 3, message: expect.stringContaining('type') },
      ],
    })
  })

  it('a provider named like one is an unknown provider (404), not a server error', async () => {
    const api = await withCase()
    for (const provider of ['constructor', '__proto__', 'toString']) {
      const response = await api.request('POST', `/callbacks/${provider}`, { as: null, body: { messageId: 'm', status: 'delivered' } })
      expect(response.status, provider).toBe(404)
    }
  })
})

describe('deeply nested JSON', () => {
  it('10,000 levels in an event’s data, a case’s attributes or a journey draft are a 400 saying so; nothing is stored', async () => {
    const api = await withCase()
    const before = await snapshot(api)
    const event = await api.expectStatus(400, 'POST', '/api/events', { body: deepEvent('e-1', 10_000), type: 'application/json' })
    expect(event.detail).toContain('nested more than 64 levels deep')
    // Within the body's bound, the data's own bound names the field.
    const shallower = await api.expectStatus(400, 'POST', '/api/events', { body: deepEvent('e-2', 40), type: 'application/json' })
    expect(shallower.errors).toEqual([{ path: 'data', message: 'is nested more than 32 levels deep' }])
    const attributes = JSON.stringify(caseInput('c-2')).replace('"attributes":{}', `"attributes":{"x":${deep(40)}}`)
    expect(fieldsOf(await api.expectStatus(400, 'PUT', '/api/cases/c-2', { body: attributes, type: 'application/json' }))).toEqual(['attributes'])
    await api.expectStatus(400, 'PUT', '/api/journeys/j/draft', { body: `{"id":"j","nodes":${deep(10_000)}}`, type: 'application/json' })
    expect(await snapshot(api)).toEqual(before)
  })

  it('in a bulk (JSON Lines or a JSON array) only the deep line is refused', async () => {
    const api = await withCase()
    const good = JSON.stringify({ id: 'pay-1', type: 'payment.received', caseId: 'c-1', data: { amount: 5 } })
    const lines = await api.expectStatus(200, 'POST', '/api/events/bulk', { body: `${good}\n${deepEvent('e-2', 10_000)}`, type: 'application/x-ndjson' })
    expect(lines).toMatchObject({ accepted: 1, errors: [{ line: 2, message: expect.stringContaining('nested more than 64 levels deep') }] })
    const good2 = JSON.stringify({ id: 'pay-2', type: 'payment.received', caseId: 'c-1', data: { amount: 5 } })
    const array = await api.expectStatus(200, 'POST', '/api/events/bulk', { body: `[${deepEvent('e-3', 10_000)},${good2}]`, type: 'application/json' })
    expect(array).toMatchObject({ accepted: 1, errors: [{ line: 1, message: expect.stringContaining('nested more than 64 levels deep') }] })
  })
})

describe('dates are calendar dates between 1900 and 2199', () => {
  const refusedCase = async (api: TestApi, field: 'dueDate' | 'birthDate', value: string) => {
    const body = field === 'dueDate' ? caseInput('c-2', { dueDate: value }) : caseInput('c-2', { debtor: { birthDate: value } })
    return api.expectStatus(400, 'PUT', '/api/cases/c-2', { body })
  }

  it('refuses 2026-02-31, 2023-02-29 and the years 0000 and 9999, naming the field; 2024-02-29 is a day', async () => {
    const api = await withCase()
    for (const value of ['2026-02-31', '2023-02-29', '2026-13-01']) {
      const problem = await refusedCase(api, 'dueDate', value)
      expect(problem.errors, value).toEqual([{ path: 'dueDate', message: expect.stringMatching(/calendar|date such as/) }])
    }
    for (const value of ['0000-01-01', '9999-12-31', '1899-12-31', '2200-01-01']) {
      const problem = await refusedCase(api, 'birthDate', value)
      expect(problem.errors, value).toEqual([{ path: 'debtor.birthDate', message: 'must be between 1900-01-01 and 2199-12-31' }])
    }
    await api.expectStatus(201, 'PUT', '/api/cases/c-3', { body: caseInput('c-3', { dueDate: '2024-02-29', debtor: { birthDate: '1900-01-01' } }) })
  })

  it('refuses an event time or a promised date outside them, naming the field', async () => {
    const api = await withCase()
    const before = await snapshot(api)
    const at = await api.expectStatus(400, 'POST', '/api/events', { body: { id: 'e-1', type: 'payment.received', caseId: 'c-1', at: '9999-01-01T00:00:00Z' } })
    expect(fieldsOf(at)).toContain('at')
    const zero = await api.expectStatus(400, 'POST', '/api/events', { body: { id: 'e-2', type: 'note.added', caseId: 'c-1', at: '0000-06-01T00:00:00Z' } })
    expect(fieldsOf(zero)).toEqual(['at'])
    const promise = await api.expectStatus(400, 'POST', '/api/events', {
      body: { id: 'e-3', type: 'promise.made', caseId: 'c-1', data: { promisedFor: '2026-02-30' } },
    })
    expect(fieldsOf(promise)).toEqual(['data.promisedFor'])
    expect(await snapshot(api)).toEqual(before)
  })
})

describe('money has a smallest unit', () => {
  it('a payment of 5e-324 yen or 0.001 euro is refused naming data.amount, and changes nothing', async () => {
    for (const [currency, amount, smallest] of [
      ['JPY', 5e-324, '1'],
      ['EUR', 0.001, '0.01'],
    ] as const) {
      const api = await withCase(currency)
      const before = await snapshot(api)
      const problem = await api.expectStatus(422, 'POST', '/api/events', { body: { id: 'p', type: 'payment.received', caseId: 'c-1', data: { amount } } })
      expect(problem.errors).toEqual([{ path: 'data.amount', message: `is less than the smallest amount of ${currency} (${smallest})` }])
      expect(await snapshot(api)).toEqual(before)
    }
  })

  it('an amount due below the smallest unit, or too large to be exact, is a 400 naming amountDue', async () => {
    const api = await withCase()
    for (const amountDue of [0.001, 5e-324, 1e300]) {
      const problem = await api.expectStatus(400, 'PUT', '/api/cases/c-2', { body: caseInput('c-2', { amountDue }) })
      expect(fieldsOf(problem), String(amountDue)).toEqual(['amountDue'])
    }
  })
})
