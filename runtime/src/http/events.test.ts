import { describe, expect, it } from 'vitest'
import { caseInput, emailTemplate, journey } from '../engine/testing'
import { DAY, snapshot, startApi, type TestApi } from './testing'

/** entry → email → wait 10 days → exit `no-response`; the default goal (balance paid) ends it early as `paid`. */
const paymentJourney = journey({
  id: 'pay-up',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    mail: ['email', { template: 'mail' }],
    hold: ['wait', { for: 'P10D' }],
    done: ['exit', { outcome: 'no-response' }],
  },
  edges: ['start>mail', 'mail>hold', 'hold>done'],
  templates: { mail: emailTemplate('{{ case.balance | money }} is open.') },
})

async function setup() {
  const api = await startApi()
  await api.expectStatus(200, 'PUT', '/api/journeys/pay-up/draft', { body: paymentJourney })
  await api.expectStatus(201, 'POST', '/api/journeys/pay-up/publish')
  await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { amountDue: 100 }) })
  return api
}

const theCase = (api: TestApi, id = 'c-1') => api.expectStatus(200, 'GET', `/api/cases/${id}`)
const storedEvents = (api: TestApi) => api.db.selectFrom('events').select(['key as id', 'type', 'case_id']).orderBy('key').execute()

describe('POST /api/events', () => {
  it('accepts an event (202); the same id again is a duplicate, applied once', async () => {
    const api = await setup()
    const payment = { id: 'pay-1', type: 'payment.received', caseId: 'c-1', data: { amount: 30 } }
    expect(await api.expectStatus(202, 'POST', '/api/events', { body: payment })).toEqual({ id: 'pay-1', duplicate: false })
    expect(await api.expectStatus(202, 'POST', '/api/events', { body: payment })).toEqual({ id: 'pay-1', duplicate: true })
    expect(await storedEvents(api)).toEqual([{ id: 'pay-1', type: 'payment.received', case_id: 'c-1' }])
    await api.advanceBy(60_000)
    expect((await theCase(api)).balance).toBe(70)
    await api.expectStatus(202, 'POST', '/api/events', { body: payment })
    await api.advanceBy(60_000)
    expect((await theCase(api)).balance).toBe(70)
  })

  it('an event without an id is known by its content and time', async () => {
    const api = await setup()
    const payment = { type: 'payment.received', caseId: 'c-1', at: '2026-11-23T08:00:00Z', data: { amount: 10 } }
    const first = await api.expectStatus(202, 'POST', '/api/events', { body: payment })
    expect(first).toEqual({ id: expect.stringMatching(/^sha256:/), duplicate: false })
    expect(await api.expectStatus(202, 'POST', '/api/events', { body: payment })).toEqual({ id: first.id, duplicate: true })
    expect(await api.expectStatus(202, 'POST', '/api/events', { body: { ...payment, data: { amount: 11 } } })).toMatchObject({ duplicate: false })
    expect(await storedEvents(api)).toHaveLength(2)
  })

  it('answers 404 for an unknown case, storing nothing', async () => {
    const api = await setup()
    const response = await api.request('POST', '/api/events', { body: { id: 'e-1', type: 'payment.received', caseId: 'nope', data: { amount: 1 } } })
    expect(response.status).toBe(404)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 404, errors: [{ path: 'caseId', message: expect.stringContaining('no case "nope"') }] })
    expect(await storedEvents(api)).toEqual([])
  })

  it('refuses the runtime’s reserved types (dunwell.*, xstate.*) with 400 naming `type`', async () => {
    const api = await setup()
    await api.expectStatus(202, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'pay-up' } })
    await api.advanceBy(60_000)
    const before = await snapshot(api)
    for (const type of ['dunwell.stop', 'dunwell.enrol', 'xstate.init']) {
      const problem = await api.expectStatus(400, 'POST', '/api/events', { body: { id: `forged-${type}`, type, caseId: 'c-1', data: { journeyId: 'pay-up' } } })
      expect(problem.errors).toEqual([{ path: 'type', message: expect.stringContaining('reserved') }])
    }
    expect(await snapshot(api)).toEqual(before)
    await api.advanceBy(60_000)
    expect((await theCase(api)).enrolments).toEqual([expect.objectContaining({ status: 'active' })])
  })

  it('refuses a malformed event with 400 naming each field', async () => {
    const api = await setup()
    const problem = await api.expectStatus(400, 'POST', '/api/events', { body: { type: 'Payment Received', at: 'yesterday', extra: 1 } })
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['type', 'caseId', 'at']))
    expect(await storedEvents(api)).toEqual([])
  })
})

describe('POST /api/events/bulk', () => {
  const good = { id: 'pay-1', type: 'payment.received', caseId: 'c-1', data: { amount: 40 } }
  const expectedErrors = [
    { line: 2, message: expect.stringContaining('caseId') },
    { line: 3, message: expect.stringContaining('reserved') },
    { line: 4, id: 'e-4', message: 'caseId: no case "nope"' },
    { line: 5, message: expect.stringContaining('not valid JSON') },
  ]

  it('JSON Lines: accepts the good lines and reports each bad one by number', async () => {
    const api = await setup()
    const lines = [
      JSON.stringify(good),
      JSON.stringify({ id: 'e-2', type: 'payment.received', data: { amount: 1 } }),
      JSON.stringify({ id: 'e-3', type: 'dunwell.stop', caseId: 'c-1' }),
      JSON.stringify({ id: 'e-4', type: 'payment.received', caseId: 'nope', data: { amount: 1 } }),
      '{"id": "e-5",',
      '',
      JSON.stringify(good),
      JSON.stringify({ id: 'reply-1', type: 'message.replied', caseId: 'c-1', data: { text: 'ok' } }),
    ].join('\n')
    const report = await api.expectStatus(200, 'POST', '/api/events/bulk', { body: lines, type: 'application/x-ndjson' })
    expect(report).toEqual({
      accepted: 2,
      duplicates: 1,
      errors: expectedErrors,
      warnings: [{ type: 'message.replied', message: expect.stringContaining('no active journey listens to "message.replied"') }],
    })
    expect(await storedEvents(api)).toEqual([
      { id: 'pay-1', type: 'payment.received', case_id: 'c-1' },
      { id: 'reply-1', type: 'message.replied', case_id: 'c-1' },
    ])
  })

  it('a JSON array: the same report, line = position in the array', async () => {
    const api = await setup()
    const events = [
      good,
      { id: 'e-2', type: 'payment.received', data: { amount: 1 } },
      { id: 'e-3', type: 'dunwell.stop', caseId: 'c-1' },
      { id: 'e-4', type: 'payment.received', caseId: 'nope', data: { amount: 1 } },
      { id: 'e-5', type: 7 },
    ]
    const report = await api.expectStatus(200, 'POST', '/api/events/bulk', { body: events })
    expect(report).toEqual({ accepted: 1, duplicates: 0, errors: [...expectedErrors.slice(0, 3), { line: 5, message: expect.stringContaining('type') }] })
    expect(await storedEvents(api)).toEqual([{ id: 'pay-1', type: 'payment.received', case_id: 'c-1' }])
  })

  it('refuses a JSON body that is not an array (400) and other content types (415)', async () => {
    const api = await setup()
    await api.expectStatus(400, 'POST', '/api/events/bulk', { body: good })
    await api.expectStatus(415, 'POST', '/api/events/bulk', { body: JSON.stringify(good), type: 'text/plain' })
    expect(await storedEvents(api)).toEqual([])
  })
})

describe('event data the engine reads is checked at the door', () => {
  const refused = [
    [{ amount: -5 }, 'data.amount', 'must be a positive number'],
    [{ amount: 0 }, 'data.amount', 'must be a positive number'],
    [{ amount: 'ten' }, 'data.amount', 'must be a positive number'],
    [{}, 'data.amount', 'is required'],
  ] as const

  it.each(refused)('payment.received with data %j: 400 naming %s, nothing stored, the balance unchanged', async (data, path, message) => {
    const api = await setup()
    const problem = await api.expectStatus(400, 'POST', '/api/events', { body: { id: 'pay-bad', type: 'payment.received', caseId: 'c-1', data } })
    expect(problem).toMatchObject({ status: 400, detail: `the request does not fit the API: ${path}: ${message}` })
    expect(problem.errors).toEqual([{ path, message }])
    expect(await storedEvents(api)).toEqual([])
    await api.advanceBy(60_000)
    expect((await theCase(api)).balance).toBe(100)
  })

  it('an amount with more decimals than the case’s currency: 422 naming data.amount, nothing stored', async () => {
    const api = await setup()
    const problem = await api.expectStatus(422, 'POST', '/api/events', {
      body: { id: 'pay-bad', type: 'payment.received', caseId: 'c-1', data: { amount: 1.005 } },
    })
    expect(problem.errors).toEqual([{ path: 'data.amount', message: 'has more decimals than EUR allows (2)' }])
    expect(await storedEvents(api)).toEqual([])
  })

  it('a plan’s instalment or a reversal with more decimals than the currency: 422 naming the instalment, nothing stored', async () => {
    const api = await setup()
    const instalments = [
      { dueDate: '2026-12-15', amount: 50 },
      { dueDate: '2027-01-15', amount: 33.333 },
    ]
    const plan = await api.expectStatus(422, 'POST', '/api/events', {
      body: { id: 'plan-bad', type: 'plan.agreed', caseId: 'c-1', data: { instalments, interval: 'P1M' } },
    })
    expect(plan.errors).toEqual([{ path: 'data.instalments.1.amount', message: 'has more decimals than EUR allows (2)' }])
    const reversal = await api.expectStatus(422, 'POST', '/api/events', {
      body: { id: 'back-bad', type: 'payment.reversed', caseId: 'c-1', data: { providerPaymentId: 'pi_1', amount: 0.001 } },
    })
    expect(reversal.errors).toEqual([{ path: 'data.amount', message: 'is less than the smallest amount of EUR (0.01)' }])
    expect(await storedEvents(api)).toEqual([])
  })

  it('promise.made, optout and holds: their fields are checked; other fields pass through', async () => {
    const api = await setup()
    const bad = [
      ['promise.made', { amount: -1 }, 'data.amount'],
      ['promise.made', { promisedFor: 'next week' }, 'data.promisedFor'],
      ['promise.made', { date: '2026-02-30' }, 'data.date'],
      ['plan.agreed', { instalments: [], interval: 'P1M' }, 'data.instalments'],
      ['plan.agreed', { instalments: [{ dueDate: '2026-12-01', amount: 10 }], interval: 'P3D' }, 'data.interval'],
      ['payment.reversed', { amount: 10 }, 'data.providerPaymentId'],
      ['optout', { channel: 'smss' }, 'data.channel'],
      ['dispute.opened', { reason: 42 }, 'data.reason'],
    ] as const
    for (const [type, data, path] of bad) {
      const problem = await api.expectStatus(400, 'POST', '/api/events', { body: { type, caseId: 'c-1', data } })
      expect(problem.errors, `${type} ${JSON.stringify(data)}`).toEqual([{ path, message: expect.any(String) }])
    }
    expect(await storedEvents(api)).toEqual([])
    const good = [
      ['promise.made', { amount: 19.99, promisedFor: '2026-12-15', by: '2026-12-15', note: 'by phone' }],
      ['optout', { channel: 'sms', via: 'reply' }],
      ['optout', {}],
      ['dispute.opened', { reason: 'already paid' }],
    ] as const
    for (const [type, data] of good) await api.expectStatus(202, 'POST', '/api/events', { body: { type, caseId: 'c-1', data } })
    expect(await storedEvents(api)).toHaveLength(4)
  })

  it('bulk: each bad line is reported with its field; the good ones are stored', async () => {
    const api = await setup()
    const lines = [
      { id: 'pay-1', type: 'payment.received', caseId: 'c-1', data: { amount: 30 } },
      { id: 'pay-2', type: 'payment.received', caseId: 'c-1', data: { amount: -5 } },
      { id: 'pay-3', type: 'payment.received', caseId: 'c-1', data: { amount: 'ten' } },
      { id: 'pay-4', type: 'payment.received', caseId: 'c-1', data: { amount: 0.001 } },
    ]
    const report = await api.expectStatus(200, 'POST', '/api/events/bulk', {
      body: lines.map((line) => JSON.stringify(line)).join('\n'),
      type: 'application/x-ndjson',
    })
    expect(report).toEqual({
      accepted: 1,
      duplicates: 0,
      errors: [
        { line: 2, message: 'data.amount must be a positive number' },
        { line: 3, message: 'data.amount must be a positive number' },
        { line: 4, id: 'pay-4', message: 'data.amount: is less than the smallest amount of EUR (0.01)' },
      ],
    })
    expect(await storedEvents(api)).toEqual([{ id: 'pay-1', type: 'payment.received', case_id: 'c-1' }])
    await api.advanceBy(60_000)
    expect((await theCase(api)).balance).toBe(70)
  })

  it('an embedding service calling engine.ingest gets the same refusal', async () => {
    const api = await setup()
    const result = await api.engine.ingest([{ id: 'pay-bad', type: 'payment.received', caseId: 'c-1', data: { amount: -5 } }])
    expect(result).toEqual({
      accepted: 0,
      duplicates: 0,
      errors: [{ index: 0, id: 'pay-bad', path: 'data.amount', message: 'data.amount: must be a positive number' }],
    })
    expect(await storedEvents(api)).toEqual([])
  })
})

describe('event types nothing listens to', () => {
  it('are stored (202) with a warning, and a close known type is suggested', async () => {
    const api = await setup()
    const typo = await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'e-1', type: 'payment.recieved', caseId: 'c-1', data: { amount: 5 } } })
    expect(typo.warnings).toEqual([
      {
        type: 'payment.recieved',
        message: 'no active journey listens to "payment.recieved": it is stored, but nothing happens (did you mean payment.received?)',
      },
    ])
    const own = await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'e-2', type: 'crm.note-added', caseId: 'c-1' } })
    expect(own.warnings).toEqual([{ type: 'crm.note-added', message: expect.not.stringContaining('did you mean') }])
    expect(await storedEvents(api)).toHaveLength(2)
  })

  it('no warning for types the engine acts on or an active journey enrols on or waits for', async () => {
    const api = await setup()
    for (const [id, type, data] of [
      ['e-1', 'invoice.overdue', {}],
      ['e-2', 'payment.received', { amount: 1 }],
      ['e-3', 'optout', { channel: 'sms' }],
      ['e-4', 'hardship.resolved', {}],
    ] as const) {
      expect(await api.expectStatus(202, 'POST', '/api/events', { body: { id, type, caseId: 'c-1', data } })).toEqual({ id, duplicate: false })
    }
    const waiting = journey({
      id: 'promises',
      nodes: {
        start: ['entry', { event: 'case.opened' }],
        promise: ['wait', { event: 'promise.made', timeout: 'P7D' }],
        done: ['exit', { outcome: 'promised' }],
        silent: ['exit', { outcome: 'no-response' }],
      },
      edges: ['start>promise', 'promise:event>done', 'promise:timeout>silent'],
    })
    await api.expectStatus(200, 'PUT', '/api/journeys/promises/draft', { body: waiting })
    await api.expectStatus(201, 'POST', '/api/journeys/promises/publish')
    const report = await api.expectStatus(200, 'POST', '/api/events/bulk', {
      body: [
        { type: 'case.opened', caseId: 'c-1' },
        { type: 'promise.made', caseId: 'c-1' },
      ],
    })
    expect(report).toEqual({ accepted: 2, duplicates: 0, errors: [] })
  })
})

describe('events applied by the engine when the clock moves', () => {
  it('a payment lowers the balance at its time; paying it all ends the journey as paid', async () => {
    const api = await setup()
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
    await api.advanceBy(60_000)
    expect((await theCase(api)).enrolments).toEqual([expect.objectContaining({ journeyId: 'pay-up', node: 'hold', status: 'active' })])

    const lines = [
      { id: 'pay-1', type: 'payment.received', caseId: 'c-1', at: '2026-11-24T10:00:00Z', data: { amount: 40 } },
      { id: 'pay-2', type: 'payment.received', caseId: 'c-1', at: '2026-11-26T10:00:00Z', data: { amount: 60 } },
    ]
    await api.expectStatus(200, 'POST', '/api/events/bulk', { body: lines.map((line) => JSON.stringify(line)).join('\n'), type: 'application/x-ndjson' })
    expect((await theCase(api)).balance).toBe(100) // stored, not yet applied

    await api.advanceTo('2026-11-25T00:00:00Z')
    expect(await theCase(api)).toMatchObject({ balance: 60, enrolments: [expect.objectContaining({ status: 'active' })] })

    await api.advanceTo('2026-11-27T00:00:00Z')
    expect(await theCase(api)).toMatchObject({
      balance: 0,
      enrolments: [expect.objectContaining({ status: 'done', outcome: 'paid', endedAt: '2026-11-26T10:00:00.000Z' })],
    })
    expect(await api.expectStatus(200, 'GET', '/api/messages?caseId=c-1')).toHaveLength(1)
  })

  it('the clock never runs backwards (409)', async () => {
    const api = await setup()
    await api.advanceBy(DAY)
    const problem = await api.expectStatus(409, 'POST', '/api/test/clock', { body: { advanceTo: '2026-11-23T09:00:00Z' } })
    expect(problem.detail).toContain('2026-11-24T09:00:00.000Z')
    expect(api.clock.now()).toBe(Date.parse('2026-11-24T09:00:00Z'))
  })
})
