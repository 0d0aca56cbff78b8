import { describe, expect, it } from 'vitest'
import { caseInput, emailTemplate, journey, textTemplate } from '../engine/testing'
import { DAY, optoutToken, startApi, type TestApi } from './testing'

/** entry → email → wait 3 days → email → exit: the second email shows whether an opt-out in between was honoured. */
const twoEmails = journey({
  id: 'two-emails',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    first: ['email', { template: 'mail' }],
    hold: ['wait', { for: 'P3D' }],
    second: ['email', { template: 'mail' }],
    done: ['exit', { outcome: 'done' }],
  },
  edges: ['start>first', 'first>hold', 'hold>second', 'second>done'],
  templates: { mail: emailTemplate('{{ case.balance | money }} is open.') },
})

/** entry → call → wait for a promise (7 days) → exit. */
const callThem = journey({
  id: 'call-them',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    phone: ['call', { queue: 'collections', template: 'script' }],
    promise: ['wait', { event: 'promise.made', timeout: 'P7D' }],
    promised: ['exit', { outcome: 'promised' }],
    silent: ['exit', { outcome: 'no-response' }],
  },
  edges: ['start>phone', 'phone>promise', 'promise:event>promised', 'promise:timeout>silent'],
  templates: { script: textTemplate('call', 'Ask about {{ case.balance | money }}.') },
})

async function publish(api: TestApi, document: { id: string }) {
  await api.expectStatus(200, 'PUT', `/api/journeys/${document.id}/draft`, { body: document })
  await api.expectStatus(201, 'POST', `/api/journeys/${document.id}/publish`)
}

async function withCases(document: { id: string }, ...ids: string[]) {
  const api = await startApi()
  await publish(api, document)
  for (const id of ids) await api.expectStatus(201, 'PUT', `/api/cases/${id}`, { body: caseInput(id, { amountDue: 100 }) })
  return api
}

const post = (api: TestApi, body: Record<string, unknown>, as: 'ingest' | 'admin' = 'ingest') => api.expectStatus(202, 'POST', '/api/events', { body, as })

describe('idempotency keys are scoped per case and source', () => {
  it('the same payment id on two cases is two payments, each counted', async () => {
    const api = await withCases(twoEmails, 'a', 'b')
    expect(await post(api, { id: '1001', type: 'payment.received', caseId: 'a', data: { amount: 30 } })).toEqual({ id: '1001', duplicate: false })
    expect(await post(api, { id: '1001', type: 'payment.received', caseId: 'b', data: { amount: 40 } })).toEqual({ id: '1001', duplicate: false })
    // Within one case the key still dedupes.
    expect(await post(api, { id: '1001', type: 'payment.received', caseId: 'b', data: { amount: 40 } })).toEqual({ id: '1001', duplicate: true })
    await api.advanceBy(60_000)
    expect((await api.expectStatus(200, 'GET', '/api/cases/a')).balance).toBe(70)
    expect((await api.expectStatus(200, 'GET', '/api/cases/b')).balance).toBe(60)
  })

  it('a client cannot pre-empt a debtor’s opt-out with the runtime’s own key, for that case or another', async () => {
    const api = await withCases(twoEmails, 'victim', 'mine')
    for (const id of ['victim', 'mine']) await post(api, { id: `overdue-${id}`, type: 'invoice.overdue', caseId: id })
    await api.advanceBy(60_000)
    // The hostile ingest key writes the very key the opt-out page uses, once on its own case and once on the victim's.
    await post(api, { id: 'optout/victim/email', type: 'note.added', caseId: 'mine' })
    await post(api, { id: 'optout/victim/email', type: 'note.added', caseId: 'victim' })

    const done = await api.request('POST', `/optout/${optoutToken('victim', 'email')}`, { as: null })
    expect(await done.text()).toContain('You are unsubscribed')
    await api.advanceBy(4 * DAY)
    expect((await api.expectStatus(200, 'GET', '/api/cases/victim')).optouts).toEqual([{ channel: 'email', at: expect.any(String) }])
    const second = await api.db.selectFrom('outbox').select(['status', 'reason']).where('case_id', '=', 'victim').where('node_id', '=', 'second').execute()
    expect(second).toEqual([{ status: 'suppressed', reason: 'opted out of email' }])
    // Both stored events of the client are kept as the client's; the opt-out is the runtime's.
    const stored = await api.db
      .selectFrom('events')
      .select(['case_id', 'source', 'key', 'type'])
      .where('key', '=', 'optout/victim/email')
      .orderBy('type')
      .execute()
    expect(stored).toEqual([
      { case_id: 'mine', source: 'client', key: 'optout/victim/email', type: 'note.added' },
      { case_id: 'victim', source: 'client', key: 'optout/victim/email', type: 'note.added' },
      { case_id: 'victim', source: 'runtime', key: 'optout/victim/email', type: 'optout' },
    ])
  })

  it('a client cannot pre-empt a task’s outcome with the key the runtime gives it', async () => {
    const api = await withCases(callThem, 'c-1')
    await post(api, { id: 'overdue', type: 'invoice.overdue', caseId: 'c-1' })
    await api.advanceBy(60_000)
    const [task] = await api.expectStatus(200, 'GET', '/api/tasks')
    await post(api, { id: `task/${task.id}`, type: 'call.no-answer', caseId: 'c-1' })
    await api.expectStatus(200, 'POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, {
      body: { outcome: 'promise-to-pay', promisedFor: '2026-12-01' },
    })
    await api.advanceBy(60_000)
    const [enrolment] = (await api.expectStatus(200, 'GET', '/api/cases/c-1')).enrolments
    expect(enrolment).toMatchObject({ status: 'done', outcome: 'promised' })
  })

  it('the response and the trail show the key the client chose; the row id names no part of it', async () => {
    const api = await withCases(twoEmails, 'c-1')
    await post(api, { id: 'pay-anna@example.org', type: 'payment.received', caseId: 'c-1', data: { amount: 5 } })
    await api.advanceBy(60_000)
    const [row] = await api.db.selectFrom('events').select(['id', 'key']).where('case_id', '=', 'c-1').execute()
    expect(row).toEqual({ id: expect.stringMatching(/^ev_[0-9a-f]{40}$/), key: 'pay-anna@example.org' })
    const timeline = await api.expectStatus(200, 'GET', '/api/cases/c-1/timeline')
    expect(timeline.find((entry: { kind: string }) => entry.kind === 'event').detail).toMatchObject({ id: 'pay-anna@example.org', type: 'payment.received' })
  })
})
