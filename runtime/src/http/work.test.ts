import { describe, expect, it } from 'vitest'
import { caseInput, emailTemplate, journey, textTemplate } from '../engine/testing'
import { createApiKey } from '../auth'
import { DAY, snapshot, startApi, type TestApi } from './testing'

async function publish(api: TestApi, document: { id: string }) {
  await api.expectStatus(200, 'PUT', `/api/journeys/${document.id}/draft`, { body: document })
  await api.expectStatus(201, 'POST', `/api/journeys/${document.id}/publish`)
}

async function overdue(api: TestApi, ...ids: string[]) {
  for (const id of ids) await api.expectStatus(202, 'POST', '/api/events', { body: { id: `overdue-${id}`, type: 'invoice.overdue', caseId: id } })
  await api.advanceBy(60_000)
}

describe('GET /api/messages', () => {
  const notify = journey({
    id: 'notify',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      mail: ['email', { template: 'mail' }],
      text: ['sms', { template: 'text' }],
      done: ['exit', { outcome: 'notified' }],
    },
    edges: ['start>mail', 'mail>text', 'text>done'],
    templates: {
      mail: emailTemplate('{{ case.balance | money }} is open.', 'About your invoice'),
      text: textTemplate('sms', '{{ case.balance | money }} is open.'),
    },
  })

  async function setup() {
    const api = await startApi()
    await publish(api, notify)
    await api.expectStatus(201, 'PUT', '/api/cases/a', { body: caseInput('a') })
    await api.expectStatus(201, 'PUT', '/api/cases/b', { body: caseInput('b', { without: ['phone'] }) })
    await overdue(api, 'a', 'b')
    // One message a day (the default policy): the text follows the email a day later.
    await api.advanceBy(2 * DAY)
    return api
  }
  const list = (api: TestApi, query: string) =>
    api.expectStatus<{ caseId: string; channel: string; status: string; reason: string | null }[]>(200, 'GET', `/api/messages${query}`)
  const summary = (messages: { caseId: string; channel: string; status: string }[]) => messages.map((m) => `${m.caseId} ${m.channel} ${m.status}`).sort()

  it('lists every message with its status', async () => {
    const api = await setup()
    const all = await list(api, '')
    expect(summary(all)).toEqual(['a email recorded', 'a sms recorded', 'b email recorded', 'b sms suppressed'])
    expect(all.find((m) => m.caseId === 'a' && m.channel === 'email')).toEqual({
      id: expect.any(String),
      caseId: 'a',
      journeyId: 'notify',
      version: 1,
      nodeId: 'mail',
      channel: 'email',
      template: 'mail',
      locale: 'en',
      status: 'recorded',
      reason: null,
      subject: 'About your invoice',
      createdAt: '2026-11-23T09:00:00.000Z',
      sentAt: '2026-11-23T09:00:00.000Z',
      attempts: 1,
    })
  })

  it('filters by case, status and channel, and together', async () => {
    const api = await setup()
    expect(summary(await list(api, '?caseId=a'))).toEqual(['a email recorded', 'a sms recorded'])
    expect(summary(await list(api, '?channel=sms'))).toEqual(['a sms recorded', 'b sms suppressed'])
    expect(await list(api, '?status=suppressed')).toEqual([expect.objectContaining({ caseId: 'b', channel: 'sms', reason: 'no phone number for this debtor' })])
    expect(summary(await list(api, '?status=recorded&channel=email'))).toEqual(['a email recorded', 'b email recorded'])
    expect(await list(api, '?caseId=b&status=recorded&channel=sms')).toEqual([])
    expect(await list(api, '?limit=1')).toHaveLength(1)
    const problem = await api.expectStatus(400, 'GET', '/api/messages?status=lost')
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'status' })])
  })
})

describe('tasks', () => {
  /** entry → call → wait for a promise (7 days) → exit `promised`, or `no-response` on timeout. */
  const callJourney = journey({
    id: 'call-them',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      phone: ['call', { queue: 'collections', template: 'script', priority: 5 }],
      promise: ['wait', { event: 'promise.made', timeout: 'P7D' }],
      promised: ['exit', { outcome: 'promised' }],
      silent: ['exit', { outcome: 'no-response' }],
    },
    edges: ['start>phone', 'phone>promise', 'promise:event>promised', 'promise:timeout>silent'],
    templates: { script: textTemplate('call', 'Ask {{ debtor.firstName | default: "there" }} about {{ case.balance | money }}.') },
  })

  async function setup() {
    const api = await startApi()
    await publish(api, callJourney)
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    await overdue(api, 'c-1')
    const [task] = await api.expectStatus(200, 'GET', '/api/tasks')
    return { api, task }
  }

  it('a call step creates a task in its queue, with the script', async () => {
    const { api, task } = await setup()
    expect(task).toEqual({
      id: expect.any(String),
      caseId: 'c-1',
      enrolmentId: 'call-them/c-1/1',
      queue: 'collections',
      priority: 5,
      status: 'open',
      script: expect.stringContaining('Ask Anna about'),
      claimedBy: null,
      outcome: null,
      createdAt: '2026-11-23T09:00:00.000Z',
      completedAt: null,
    })
    expect(await api.expectStatus(200, 'GET', '/api/tasks?queue=collections&status=open')).toHaveLength(1)
    expect(await api.expectStatus(200, 'GET', '/api/tasks?queue=other')).toEqual([])
    expect(await api.expectStatus(200, 'GET', '/api/messages?channel=call')).toEqual([expect.objectContaining({ caseId: 'c-1', status: 'sent' })])
  })

  it('one agent claims a task; a second claim is 409; an unknown task is 404', async () => {
    const { api, task } = await setup()
    const path = `/api/tasks/${encodeURIComponent(task.id)}`
    expect(await api.expectStatus(200, 'POST', `${path}/claim`, { body: { agent: 'maria' } })).toMatchObject({
      id: task.id,
      status: 'claimed',
      claimedBy: 'maria',
    })
    const problem = await api.expectStatus(409, 'POST', `${path}/claim`, { body: { agent: 'tom' } })
    expect(problem).toMatchObject({ status: 409 })
    expect(await api.expectStatus(200, 'GET', '/api/tasks?status=claimed')).toEqual([expect.objectContaining({ claimedBy: 'maria' })])
    await api.expectStatus(404, 'POST', '/api/tasks/nope/claim', { body: { agent: 'tom' } })
    await api.expectStatus(400, 'POST', `${path}/claim`, { body: {} })
  })

  it('completing with promise-to-pay sends promise.made into the journey: the wait takes its event outcome', async () => {
    const { api, task } = await setup()
    const path = `/api/tasks/${encodeURIComponent(task.id)}`
    await api.expectStatus(200, 'POST', `${path}/claim`, { body: { agent: 'maria' } })
    await api.advanceBy(DAY)
    const done = await api.expectStatus(200, 'POST', `${path}/complete`, { body: { outcome: 'promise-to-pay', amount: 50, promisedFor: '2026-12-01' } })
    expect(done).toMatchObject({ status: 'done', outcome: 'promise-to-pay', completedAt: '2026-11-24T09:01:00.000Z' })
    const events = await api.db.selectFrom('events').select(['type', 'data']).where('type', '=', 'promise.made').execute()
    expect(events.map((e) => ({ type: e.type, data: JSON.parse(e.data) }))).toEqual([
      { type: 'promise.made', data: { taskId: task.id, outcome: 'promise-to-pay', amount: 50, promisedFor: '2026-12-01', via: 'agent' } },
    ])

    await api.advanceBy(60_000)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).enrolments).toEqual([
      expect.objectContaining({ status: 'done', outcome: 'promised', node: 'promised' }),
    ])
    const decided = (await api.expectStatus(200, 'GET', '/api/cases/c-1/timeline')).map((e: { kind: string; nodeId: string | null }) => `${e.kind} ${e.nodeId}`)
    expect(decided).toContain('entered promised')
    expect(decided).not.toContain('entered silent')
    // The engine keeps the promise the agent took.
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).promises).toMatchObject([{ status: 'active', date: '2026-12-01', amount: 50, via: 'agent' }])

    await api.expectStatus(409, 'POST', `${path}/complete`, { body: { outcome: 'no-answer' } })
    await api.expectStatus(404, 'POST', '/api/tasks/nope/complete', { body: { outcome: 'no-answer' } })
  })

  it('completing with payment-plan agrees the plan on the phone: the schedule from the balance, kept by the engine', async () => {
    const { api, task } = await setup()
    const path = `/api/tasks/${encodeURIComponent(task.id)}`
    // Refused plans leave the task open: no plan, a first date in the past, a count beyond 120.
    const before = await snapshot(api)
    expect((await api.expectStatus(400, 'POST', `${path}/complete`, { body: { outcome: 'payment-plan' } })).detail).toContain('needs plan')
    const past = await api.expectStatus(400, 'POST', `${path}/complete`, {
      body: { outcome: 'payment-plan', plan: { count: 3, interval: 'P1M', firstDate: '2026-11-01' } },
    })
    expect(past.detail).toBe('plan.firstDate: must be today (2026-11-23) or later')
    await api.expectStatus(400, 'POST', `${path}/complete`, {
      body: { outcome: 'payment-plan', plan: { count: 121, interval: 'P1M', firstDate: '2026-12-01' } },
    })
    expect(await snapshot(api)).toEqual(before)

    // €100.00 in 3 monthly instalments: 33.33, 33.33 and 33.34, the last absorbing the rounding.
    await api.expectStatus(200, 'POST', `${path}/complete`, { body: { outcome: 'payment-plan', plan: { count: 3, interval: 'P1M', firstDate: '2026-12-01' } } })
    await api.advanceBy(60_000)
    const [plan] = (await api.expectStatus(200, 'GET', '/api/cases/c-1')).plans
    expect(plan).toMatchObject({ status: 'active', interval: 'P1M', total: 100, paid: 0, via: 'agent' })
    expect(plan.instalments.map((i: { dueDate: string; amount: number }) => [i.dueDate, i.amount])).toEqual([
      ['2026-12-01', 33.33],
      ['2027-01-01', 33.33],
      ['2027-02-01', 33.34],
    ])
  })

  it('only the key that claimed a task completes it (another agent gets 403, nothing changes); an admin may', async () => {
    const { api, task } = await setup()
    const path = `/api/tasks/${encodeURIComponent(task.id)}`
    await api.expectStatus(200, 'POST', `${path}/claim`, { as: 'editor', body: { agent: 'maria' } })
    const other = (await createApiKey(api.db, { name: 'tom', role: 'editor' })).key
    const before = await snapshot(api)
    const response = await api.send('POST', `${path}/complete`, {
      headers: { Authorization: `Bearer ${other}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome: 'paid' }),
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({
      status: 403,
      detail: expect.stringContaining('another agent claimed this task'),
      permission: 'tasks:supervise',
    })
    expect(await snapshot(api)).toEqual(before)
    // An admin (not the claimant) may correct it.
    expect(await api.expectStatus(200, 'POST', `${path}/complete`, { as: 'admin', body: { outcome: 'no-answer' } })).toMatchObject({ status: 'done' })
  })

  it('the claimant completes their own task', async () => {
    const { api, task } = await setup()
    const path = `/api/tasks/${encodeURIComponent(task.id)}`
    await api.expectStatus(200, 'POST', `${path}/claim`, { as: 'editor', body: { agent: 'maria' } })
    expect(await api.expectStatus(200, 'POST', `${path}/complete`, { as: 'editor', body: { outcome: 'no-answer' } })).toMatchObject({
      status: 'done',
      outcome: 'no-answer',
    })
  })

  it('an outcome that is not on the list is refused (400) and the task stays open', async () => {
    const { api, task } = await setup()
    const problem = await api.expectStatus(400, 'POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { body: { outcome: 'shouted' } })
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'outcome' })])
    expect((await api.expectStatus(200, 'GET', '/api/tasks'))[0]).toMatchObject({ status: 'open' })
  })

  it('without a promise the wait times out after 7 days', async () => {
    const { api } = await setup()
    await api.advanceBy(8 * DAY)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).enrolments).toEqual([expect.objectContaining({ status: 'done', outcome: 'no-response' })])
  })
})
