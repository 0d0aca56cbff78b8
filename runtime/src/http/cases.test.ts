import { describe, expect, it } from 'vitest'
import { caseInput, emailTemplate, journey, textTemplate } from '../engine/testing'
import type { Problem } from './problem'
import { DAY, snapshot, startApi, type TestApi } from './testing'

/** entry → email → call → wait 10 days → exit: leaves personal data in messages, a task script and a timer. */
const reminderJourney = journey({
  id: 'reminder',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    mail: ['email', { template: 'mail' }],
    phone: ['call', { queue: 'collections', template: 'script' }],
    hold: ['wait', { for: 'P10D' }],
    done: ['exit', { outcome: 'no-response' }],
  },
  edges: ['start>mail', 'mail>phone', 'phone>hold', 'hold>done'],
  templates: {
    mail: emailTemplate('Hello {{ debtor.firstName | default: "there" }} {{ debtor.lastName | default: "" }}, {{ case.balance | money }} is open.'),
    script: textTemplate('call', 'Ask {{ debtor.firstName | default: "there" }} {{ debtor.lastName | default: "" }} about {{ case.balance | money }}.'),
  },
})

/** entry → wait 3 days → letter → exit `done`. */
const waitThenLetter = journey({
  id: 'wait-letter',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    hold: ['wait', { for: 'P3D' }],
    post: ['letter', { template: 'letter' }],
    done: ['exit', { outcome: 'done' }],
  },
  edges: ['start>hold', 'hold>post', 'post>done'],
  templates: { letter: textTemplate('letter', '<p>Dear {{ debtor.lastName | default: "" }}</p>') },
})

async function publish(api: TestApi, document: { id: string }) {
  await api.expectStatus(200, 'PUT', `/api/journeys/${document.id}/draft`, { body: document })
  await api.expectStatus(201, 'POST', `/api/journeys/${document.id}/publish`)
}

const caseRow = (api: TestApi, id: string) => api.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()

describe('PUT /api/cases/{id}', () => {
  it('creates a case (201) with its balance at the amount due, then updates it (200)', async () => {
    const api = await startApi()
    expect(await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { amountDue: 120.5 }) })).toEqual({ id: 'c-1', created: true })
    expect(await api.expectStatus(200, 'GET', '/api/cases/c-1')).toEqual({
      id: 'c-1',
      debtor: caseInput('c-1').debtor,
      amountDue: 120.5,
      balance: 120.5,
      currency: 'EUR',
      dueDate: '2026-11-01',
      attributes: {},
      enrolments: [],
      holds: [],
      optouts: [],
      promises: [],
      plans: [],
    })
    const moved = caseInput('c-1', { amountDue: 120.5, debtor: { phone: '+4915199999999' } })
    expect(await api.expectStatus(200, 'PUT', '/api/cases/c-1', { body: moved })).toEqual({ id: 'c-1', created: false })
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).debtor.phone).toBe('+4915199999999')
  })

  it('keeps the balance (what was paid) unless the update gives one', async () => {
    const api = await startApi()
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { amountDue: 100 }) })
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'pay-1', type: 'payment.received', caseId: 'c-1', data: { amount: 30 } } })
    await api.advanceBy(60_000)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).balance).toBe(70)

    await api.expectStatus(200, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { amountDue: 100, debtor: { firstName: 'Anne' } }) })
    expect(await api.expectStatus(200, 'GET', '/api/cases/c-1')).toMatchObject({ amountDue: 100, balance: 70, debtor: { firstName: 'Anne' } })

    await api.expectStatus(200, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { amountDue: 100, balance: 12.34 }) })
    expect(await api.expectStatus(200, 'GET', '/api/cases/c-1')).toMatchObject({ amountDue: 100, balance: 12.34 })
    expect(await caseRow(api, 'c-1')).toMatchObject({ amount_due: 10000, balance: 1234 })
  })

  it('shows the case’s plan with its schedule and what each instalment has been paid, and its promises', async () => {
    const api = await startApi()
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { amountDue: 100 }) })
    const instalments = [
      { dueDate: '2027-01-15', amount: 33.33 },
      { dueDate: '2027-02-15', amount: 33.33 },
      { dueDate: '2027-03-15', amount: 33.34 },
    ]
    const refused = await api.expectStatus<Problem>(400, 'POST', '/api/events', {
      body: { id: 'plan-0', type: 'plan.agreed', caseId: 'c-1', data: { instalments: [...instalments].reverse(), interval: 'P1M' } },
    })
    expect(JSON.stringify(refused)).toContain('data.instalments')
    await api.expectStatus(202, 'POST', '/api/events', {
      body: { id: 'promise-1', type: 'promise.made', caseId: 'c-1', data: { amount: 20, date: '2027-01-10' } },
    })
    await api.advanceBy(60_000)
    await api.expectStatus(202, 'POST', '/api/events', {
      body: { id: 'plan-1', type: 'plan.agreed', caseId: 'c-1', data: { instalments, interval: 'P1M', via: 'agent' } },
    })
    await api.advanceBy(60_000)
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'pay-1', type: 'payment.received', caseId: 'c-1', data: { amount: 40 } } })
    await api.advanceBy(60_000)
    const shown = await api.expectStatus(200, 'GET', '/api/cases/c-1')
    expect(shown.promises).toMatchObject([{ status: 'replaced', date: '2027-01-10', amount: 20, paid: 0, via: null }])
    expect(shown.plans).toMatchObject([
      {
        status: 'active',
        interval: 'P1M',
        total: 100,
        paid: 40,
        via: 'agent',
        instalments: [
          { number: 1, dueDate: '2027-01-15', amount: 33.33, paid: 33.33, status: 'paid' },
          { number: 2, dueDate: '2027-02-15', amount: 33.33, paid: 6.67, status: 'open' },
          { number: 3, dueDate: '2027-03-15', amount: 33.34, paid: 0, status: 'open' },
        ],
      },
    ])
  })

  it('takes the case id from the path when the body leaves it out', async () => {
    const api = await startApi()
    const { id: _omitted, ...body } = caseInput('ignored')
    expect(await api.expectStatus(201, 'PUT', '/api/cases/from-path', { body })).toEqual({ id: 'from-path', created: true })
    expect(await caseRow(api, 'from-path')).toMatchObject({ id: 'from-path' })
  })

  it('refuses a body whose id differs from the path with 409, storing nothing', async () => {
    const api = await startApi()
    const problem = await api.expectStatus(409, 'PUT', '/api/cases/c-2', { body: caseInput('c-1') })
    expect(problem).toMatchObject({ status: 409, detail: expect.stringContaining('"c-1"') })
    expect(await api.db.selectFrom('cases').selectAll().execute()).toEqual([])
  })

  it('refuses an invalid body with a 400 problem whose errors name each field', async () => {
    const api = await startApi()
    const { amountDue: _, ...withoutAmount } = caseInput('c-1', { debtor: { email: 'not-an-email' } })
    const response = await api.request('PUT', '/api/cases/c-1', { body: withoutAmount })
    expect(response.status).toBe(400)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    const problem = (await response.json()) as Problem
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 })
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'debtor.email', message: 'must be an email address' },
        { path: 'amountDue', message: 'is required' },
      ]),
    )
    expect(await api.db.selectFrom('cases').selectAll().execute()).toEqual([])
  })

  it('refuses an amount with more decimals than its currency has (400 naming amountDue)', async () => {
    const api = await startApi()
    for (const [amountDue, currency] of [
      [10.555, 'EUR'],
      [10.5, 'JPY'],
    ] as const) {
      const problem = await api.expectStatus(400, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { amountDue, currency }) })
      expect(problem.errors).toEqual([{ path: 'amountDue', message: expect.stringContaining(currency) }])
    }
    expect(await api.db.selectFrom('cases').selectAll().execute()).toEqual([])
  })

  it('GET shows the case’s enrolments; an unknown case is 404', async () => {
    const api = await startApi()
    await publish(api, waitThenLetter)
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    await api.expectStatus(202, 'POST', '/api/events', { body: { type: 'invoice.overdue', caseId: 'c-1', at: '2026-11-23T09:00:30Z' } })
    await api.advanceBy(60_000)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).enrolments).toEqual([
      {
        id: 'wait-letter/c-1/1',
        journeyId: 'wait-letter',
        version: 1,
        node: 'hold',
        status: 'active',
        outcome: null,
        enteredAt: '2026-11-23T09:00:30.000Z',
        endedAt: null,
      },
    ])
    const problem = await api.expectStatus(404, 'GET', '/api/cases/nope')
    expect(problem).toMatchObject({ status: 404, detail: 'no case "nope"' })
  })
})

describe('DELETE /api/cases/{id}', () => {
  /** Every value stored about the case, anywhere, as one text. */
  async function everythingAbout(api: TestApi, caseId: string): Promise<string> {
    const tables = ['cases', 'events', 'outbox', 'tasks', 'audit', 'enrolments', 'timers', 'optouts', 'case_holds', 'split_assignments'] as const
    const rows = []
    for (const table of tables)
      rows.push(
        ...(await api.db
          .selectFrom(table)
          .selectAll()
          .where(table === 'cases' ? 'id' : 'case_id', '=', caseId)
          .execute()),
      )
    return JSON.stringify(rows)
  }
  const personal = ['Anna', 'Schmidt', 'anna@example.org', '+4915112345678', 'Hauptstraße', '10115', '1990-05-01', 'Berlin', 'IBAN-DE-1234']

  it('erases the debtor’s personal data everywhere and stops the journeys; amounts and outcomes stay', async () => {
    const api = await startApi()
    await publish(api, reminderJourney)
    await publish(
      api,
      journey({ id: 'quick', nodes: { start: ['entry', { event: 'quick.start' }], done: ['exit', { outcome: 'acknowledged' }] }, edges: ['start>done'] }),
    )
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { attributes: { contract: 'Anna Schmidt private' } }) })
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'quick', type: 'quick.start', caseId: 'c-1' } })
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
    await api.expectStatus(202, 'POST', '/api/events', {
      body: { id: 'pay', type: 'payment.received', caseId: 'c-1', data: { amount: 25, payer: 'Anna Schmidt', iban: 'IBAN-DE-1234' } },
    })
    await api.advanceBy(60_000)
    const before = await everythingAbout(api, 'c-1')
    for (const value of ['Anna', 'anna@example.org', 'IBAN-DE-1234']) expect(before).toContain(value) // the check below means something
    expect(await api.db.selectFrom('timers').selectAll().where('case_id', '=', 'c-1').execute()).toHaveLength(1)

    expect(await api.expectStatus(200, 'DELETE', '/api/cases/c-1')).toEqual({ id: 'c-1', erased: true })

    const after = await everythingAbout(api, 'c-1')
    for (const value of personal) expect(after, `still holds ${value}`).not.toContain(value)
    const erased = await api.expectStatus(200, 'GET', '/api/cases/c-1')
    expect(erased).toMatchObject({ debtor: {}, amountDue: 100, balance: 75, currency: 'EUR', dueDate: '2026-11-01' })
    expect(erased.enrolments).toEqual([
      expect.objectContaining({ journeyId: 'quick', status: 'done', outcome: 'acknowledged' }),
      expect.objectContaining({ journeyId: 'reminder', status: 'stopped' }),
    ])
    const outbox = await api.db.selectFrom('outbox').selectAll().where('case_id', '=', 'c-1').orderBy('id').execute()
    expect(outbox.map((m) => [m.channel, m.status, m.recipient, m.subject, m.html, m.text])).toEqual([
      ['email', 'recorded', null, null, null, null],
      ['call', 'sent', null, null, null, null],
    ])
    expect(await api.db.selectFrom('tasks').select('script').execute()).toEqual([{ script: null }])
    expect(await api.db.selectFrom('timers').selectAll().where('case_id', '=', 'c-1').execute()).toEqual([])
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1/timeline')).at(-1)).toMatchObject({ kind: 'erased' })

    // The stopped journey stays stopped: its wait never ends, nothing more is sent.
    const settled = await snapshot(api)
    await api.advanceBy(30 * DAY)
    const later = await snapshot(api)
    expect(later.outbox).toEqual(settled.outbox)
    expect(later.enrolments).toEqual(settled.enrolments)
  })

  it('an erased case is not enrolled again by an event it was sent before the erasure', async () => {
    const api = await startApi()
    await publish(api, reminderJourney)
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    // The billing system announced tomorrow's overdue notice today.
    await api.expectStatus(202, 'POST', '/api/events', {
      body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1', at: new Date(api.clock.now() + DAY).toISOString() },
    })
    await api.expectStatus(200, 'DELETE', '/api/cases/c-1')
    await api.advanceBy(2 * DAY)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).enrolments).toEqual([])
    expect(await api.db.selectFrom('outbox').selectAll().execute()).toEqual([])
  })

  it('answers 404 for an unknown case', async () => {
    const api = await startApi()
    await api.expectStatus(404, 'DELETE', '/api/cases/nope')
  })
})

describe('GET /api/cases/{id}/timeline', () => {
  it('tells what happened, in order, after the events were applied', async () => {
    const api = await startApi()
    await publish(api, waitThenLetter)
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    expect(await api.expectStatus(200, 'GET', '/api/cases/c-1/timeline')).toEqual([])
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' } })
    expect(await api.expectStatus(200, 'GET', '/api/cases/c-1/timeline')).toEqual([]) // stored, not applied yet
    await api.advanceBy(4 * DAY)
    const timeline = await api.expectStatus(200, 'GET', '/api/cases/c-1/timeline')
    expect(timeline.map((entry: { kind: string; nodeId: string | null }) => `${entry.kind}${entry.nodeId ? ` ${entry.nodeId}` : ''}`)).toEqual([
      'event',
      'enrolled',
      'entered start',
      'entered hold',
      'waiting hold',
      'entered post',
      'message post',
      'entered done',
      'exited done',
    ])
    expect(timeline[0]).toMatchObject({ at: '2026-11-23T09:00:00.000Z', detail: { id: 'overdue', type: 'invoice.overdue' } })
    expect(timeline.find((entry: { kind: string }) => entry.kind === 'waiting')).toMatchObject({ detail: { until: '2026-11-26T09:00:00.000Z' } })
    await api.expectStatus(404, 'GET', '/api/cases/nope/timeline')
  })
})

describe('POST /api/cases/{id}/enrol | pause | resume | stop', () => {
  async function setup() {
    const api = await startApi()
    await publish(api, waitThenLetter)
    for (const id of ['c-1', 'c-2']) await api.expectStatus(201, 'PUT', `/api/cases/${id}`, { body: caseInput(id) })
    return api
  }
  const enrolmentOf = async (api: TestApi, id: string) => (await api.expectStatus(200, 'GET', `/api/cases/${id}`)).enrolments
  const letters = async (api: TestApi, id: string) => (await api.expectStatus(200, 'GET', `/api/messages?caseId=${id}`)).length

  it('enrols a case in a journey once the engine has run', async () => {
    const api = await setup()
    expect(await api.expectStatus(202, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'wait-letter' } })).toEqual({ accepted: true })
    expect(await enrolmentOf(api, 'c-1')).toEqual([])
    await api.advanceBy(60_000)
    expect(await enrolmentOf(api, 'c-1')).toEqual([expect.objectContaining({ journeyId: 'wait-letter', node: 'hold', status: 'active' })])
    await api.advanceBy(4 * DAY)
    expect(await enrolmentOf(api, 'c-1')).toEqual([expect.objectContaining({ status: 'done', outcome: 'done' })])
    expect(await letters(api, 'c-1')).toBe(1)
  })

  it('enrolling a case that is in the journey already is 409 with its enrolment, storing nothing', async () => {
    const api = await setup()
    await api.expectStatus(202, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'wait-letter' } })
    await api.advanceBy(60_000)
    const events = await api.db.selectFrom('events').selectAll().execute()
    const again = await api.expectStatus(409, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'wait-letter' } })
    expect(again).toMatchObject({
      status: 409,
      detail: 'case "c-1" is in journey "wait-letter" already (version 1, at step "hold")',
      errors: [{ path: 'journeyId', message: 'the case is in this journey already' }],
      enrolment: { id: 'wait-letter/c-1/1', journeyId: 'wait-letter', version: 1, status: 'active', node: 'hold', since: '2026-11-23T09:00:00.000Z' },
    })
    expect(await api.db.selectFrom('events').selectAll().execute()).toEqual(events)
    // Once it has left, it may enter again (the journey's re-entry rule decides).
    await api.advanceBy(4 * DAY)
    await api.expectStatus(202, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'wait-letter' } })
  })

  it('pause holds the wait past its end; resume lets it finish at once', async () => {
    const api = await setup()
    await api.expectStatus(202, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'wait-letter' } })
    await api.advanceBy(60_000)
    expect(await api.expectStatus(202, 'POST', '/api/cases/c-1/pause', { body: { reason: 'customer called' } })).toEqual({ accepted: true })
    await api.advanceBy(60_000)
    expect(await enrolmentOf(api, 'c-1')).toEqual([expect.objectContaining({ node: 'hold', status: 'paused' })])
    await api.advanceBy(5 * DAY)
    expect(await enrolmentOf(api, 'c-1')).toEqual([expect.objectContaining({ node: 'hold', status: 'paused' })])
    expect(await letters(api, 'c-1')).toBe(0)

    await api.expectStatus(202, 'POST', '/api/cases/c-1/resume')
    await api.advanceBy(60_000)
    expect(await enrolmentOf(api, 'c-1')).toEqual([expect.objectContaining({ status: 'done', outcome: 'done' })])
    expect(await letters(api, 'c-1')).toBe(1)
    const kinds = (await api.expectStatus(200, 'GET', '/api/cases/c-1/timeline')).map((entry: { kind: string }) => entry.kind)
    expect(kinds).toEqual(expect.arrayContaining(['paused', 'resumed']))
  })

  it('stop ends a case’s journeys for good; the other case goes on', async () => {
    const api = await setup()
    for (const id of ['c-1', 'c-2']) await api.expectStatus(202, 'POST', `/api/cases/${id}/enrol`, { body: { journeyId: 'wait-letter' } })
    await api.advanceBy(60_000)
    await api.expectStatus(202, 'POST', '/api/cases/c-1/stop', { body: { reason: 'handed to a lawyer' } })
    await api.advanceBy(5 * DAY)
    expect(await enrolmentOf(api, 'c-1')).toEqual([expect.objectContaining({ status: 'stopped', outcome: null })])
    expect(await letters(api, 'c-1')).toBe(0)
    expect(await enrolmentOf(api, 'c-2')).toEqual([expect.objectContaining({ status: 'done', outcome: 'done' })])
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1/timeline')).find((entry: { kind: string }) => entry.kind === 'stopped')).toMatchObject({
      detail: { reason: 'handed to a lawyer' },
    })
  })

  it('enrol needs a journey id (400); an unknown case or journey is 404, storing nothing', async () => {
    const api = await setup()
    const problem = await api.expectStatus(400, 'POST', '/api/cases/c-1/enrol', { body: {} })
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'journeyId' })])
    await api.expectStatus(404, 'POST', '/api/cases/nope/enrol', { body: { journeyId: 'wait-letter' } })
    await api.expectStatus(404, 'POST', '/api/cases/nope/stop')
    const unknown = await api.expectStatus(404, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'no-such-journey' } })
    expect(unknown).toMatchObject({
      status: 404,
      detail: 'no journey "no-such-journey"',
      errors: [{ path: 'journeyId', message: 'no journey "no-such-journey"' }],
    })
    await api.expectStatus(404, 'POST', '/api/cases/c-1/stop', { body: { journeyId: 'no-such-journey' } })
    expect(await api.db.selectFrom('events').selectAll().execute()).toEqual([])
    await api.advanceBy(60_000)
    expect(await enrolmentOf(api, 'c-1')).toEqual([])
  })

  it('enrol in a journey that enrols no one (archived, paused, never published) is 409, storing nothing', async () => {
    const api = await setup()
    await api.expectStatus(200, 'PUT', '/api/journeys/draft-only/draft', { body: { ...waitThenLetter, id: 'draft-only' } })
    const draft = await api.expectStatus(409, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'draft-only' } })
    expect(draft).toMatchObject({ status: 409, detail: expect.stringContaining('no published version'), errors: [{ path: 'journeyId' }] })
    await api.expectStatus(200, 'POST', '/api/journeys/wait-letter/pause')
    expect((await api.expectStatus(409, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'wait-letter' } })).detail).toContain('is paused')
    await api.expectStatus(200, 'POST', '/api/journeys/wait-letter/archive')
    expect((await api.expectStatus(409, 'POST', '/api/cases/c-1/enrol', { body: { journeyId: 'wait-letter' } })).detail).toBe(
      'journey "wait-letter" is archived',
    )
    expect(await api.db.selectFrom('events').selectAll().execute()).toEqual([])
    await api.advanceBy(60_000)
    expect(await enrolmentOf(api, 'c-1')).toEqual([])
  })
})
