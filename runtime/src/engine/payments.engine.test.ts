import { describe, expect, it } from 'vitest'
import { timeline } from '../index'
import {
  caseInput,
  caseRow,
  days,
  emailTemplate,
  enrol,
  entries,
  event,
  iso,
  journey,
  messages,
  MONDAY,
  startEngine,
  textTemplate,
  theEnrolment,
} from './testing'

/** A reminder, three days, a text with the payment link, seven days, no response. */
const dunning = () =>
  journey({
    id: 'dunning',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      reminder: ['email', { template: 'reminder' }],
      pause: ['wait', { for: 'P3D' }],
      nudge: ['sms', { template: 'nudge' }],
      later: ['wait', { for: 'P7D' }],
      silent: ['exit', { outcome: 'no-response' }],
    },
    edges: ['start>reminder', 'reminder>pause', 'pause>nudge', 'nudge>later', 'later>silent'],
    templates: {
      reminder: emailTemplate('Hello {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is still open.'),
      nudge: textTemplate('sms', 'Still {{ case.balance | money }} open: {{ links.pay }}'),
    },
  })

const payment = (caseId: string, at: number, amount: number) => event('payment.received', caseId, new Date(at), { amount })

describe('payment.received', () => {
  it('in full during a wait ends the enrolment as paid at once, and nothing more is sent', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    expect((await messages(t, 'c-1')).map((m) => m.channel)).toEqual(['email'])

    await t.engine.ingest([payment('c-1', MONDAY.getTime() + days(1), 100)])
    await t.engine.advanceTo(MONDAY.getTime() + days(30))

    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid', ended_at: MONDAY.getTime() + days(1) })
    expect((await caseRow(t, 'c-1')).balance).toBe(0)
    expect((await messages(t, 'c-1')).map((m) => m.channel)).toEqual(['email'])
    expect(await t.db.selectFrom('timers').selectAll().execute()).toEqual([])
    const [exited] = await entries(t, 'c-1', 'exited')
    expect(exited).toMatchObject({ at: iso(MONDAY.getTime() + days(1)), nodeId: null, detail: { outcome: 'paid', reason: 'goal met: case.balance <= 0' } })
  })

  it('in part keeps the journey going, with the new balance in the next message', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    await t.engine.ingest([payment('c-1', MONDAY.getTime() + days(1), 40)])
    await t.engine.advanceTo(MONDAY.getTime() + days(4))

    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', outcome: null, node: 'later' })
    expect((await caseRow(t, 'c-1')).balance).toBe(6000)
    const sms = (await messages(t, 'c-1')).find((m) => m.channel === 'sms')
    expect(sms).toMatchObject({ status: 'recorded', created_at: MONDAY.getTime() + days(3) })
    expect(sms!.text).toContain('€60.00')

    await t.engine.ingest([payment('c-1', MONDAY.getTime() + days(5), 60)])
    await t.engine.advanceTo(MONDAY.getTime() + days(30))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid', ended_at: MONDAY.getTime() + days(5) })
  })

  it('counts money exactly: three payments of 0.10 settle 0.30 (floating point would leave 5.6e-17 open)', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1', { amountDue: 0.3 })])
    await t.engine.ingest([payment('c-1', MONDAY.getTime() + days(1), 0.1), payment('c-1', MONDAY.getTime() + days(1.1), 0.1)])
    await t.engine.advanceTo(MONDAY.getTime() + days(1.5))
    expect((await caseRow(t, 'c-1')).balance).toBe(10)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active' })

    await t.engine.ingest([payment('c-1', MONDAY.getTime() + days(2), 0.1)])
    await t.engine.advanceTo(MONDAY.getTime() + days(2))
    expect((await caseRow(t, 'c-1')).balance).toBe(0)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid' })
  })

  it('more than owed leaves a negative balance and ends the journey as paid', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    await t.engine.ingest([payment('c-1', MONDAY.getTime() + days(1), 120)])
    await t.engine.advanceTo(MONDAY.getTime() + days(2))
    expect((await caseRow(t, 'c-1')).balance).toBe(-2000)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'paid' })
  })

  it('an amount with more decimals than the currency, or not positive, is refused at ingest: nothing stored', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    const result = await t.engine.ingest([payment('c-1', MONDAY.getTime() + days(1), 100.001), payment('c-1', MONDAY.getTime() + days(1), -5)])
    expect(result.errors).toEqual([
      { index: 0, id: expect.any(String), path: 'data.amount', message: 'data.amount: has more decimals than EUR allows (2)' },
      { index: 1, id: expect.any(String), path: 'data.amount', message: 'data.amount: must be a positive number' },
    ])
    expect(await t.db.selectFrom('events').selectAll().where('type', '=', 'payment.received').execute()).toEqual([])
  })

  it('a bad payment stored before ingest checked it is rejected and explained by the engine, and changes nothing', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    const at = MONDAY.getTime() + days(1)
    await t.store.insertEvents([
      { source: 'client', key: 'old-1', caseId: 'c-1', type: 'payment.received', at, data: JSON.stringify({ amount: 100.001 }), receivedAt: at },
      { source: 'client', key: 'old-2', caseId: 'c-1', type: 'payment.received', at, data: JSON.stringify({ amount: -5 }), receivedAt: at },
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(2))
    expect((await caseRow(t, 'c-1')).balance).toBe(10000)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active' })
    const rejected = await entries(t, 'c-1', 'event-rejected')
    expect(rejected.map((entry) => entry.detail.reason)).toEqual(['data.amount has more decimals than EUR allows (2)', 'data.amount must be a positive number'])
  })

  it('stops a message deferred to the next morning when the debtor pays overnight', async () => {
    // Saturday 28 November 2026, 21:00 in Berlin: the reminder waits for Monday 08:00.
    const t = await startEngine({ at: '2026-11-28T20:00:00Z' })
    await enrol(t, dunning(), [caseInput('c-1')])
    expect(await messages(t, 'c-1')).toEqual([])
    const [deferred] = await entries(t, 'c-1', 'message')
    expect(deferred!.detail).toMatchObject({ status: 'deferred', until: '2026-11-30T07:00:00.000Z' })

    await t.engine.ingest([payment('c-1', Date.parse('2026-11-29T10:00:00Z'), 100)])
    await t.engine.advanceTo(Date.parse('2026-12-10T00:00:00Z'))
    expect(await messages(t, 'c-1')).toEqual([])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid' })
    expect(await t.db.selectFrom('timers').selectAll().execute()).toEqual([])
  })

  it('sends nothing more to a debtor whose case was updated to a zero balance while waiting', async () => {
    // The integrator learns of the payment elsewhere and updates the case instead of sending payment.received.
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    await t.engine.advanceTo(MONDAY.getTime() + days(1))
    await t.engine.upsertCases([caseInput('c-1', { balance: 0 })])
    await t.engine.advanceTo(MONDAY.getTime() + days(30))

    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid' })
    expect((await messages(t, 'c-1')).map((m) => `${m.channel}: ${m.text?.split('\n')[0]}`)).toEqual(['email: Hello Anna, €100.00 is still open.'])
  })

  it('a second update at the same instant (a virtual clock that has not moved) is still checked against the goal', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    await t.engine.upsertCases([caseInput('c-1', { balance: 50 })])
    await t.engine.runDue()
    await t.engine.upsertCases([caseInput('c-1', { balance: 0 })])
    await t.engine.runDue()
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid', ended_at: MONDAY.getTime() })
  })

  it('sends nothing to a case enrolled with nothing left to pay', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1', { balance: 0 })])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid' })
    expect((await messages(t, 'c-1')).map((m) => m.text)).toEqual([])
  })
})

describe('the journey goal', () => {
  it('a goal that becomes true during a wait ends the journey before the next message, not after it', async () => {
    // "Stop dunning after 30 days past due": due 1 November, so day 31 is 2 December, during the 10-day wait.
    const spec = dunning()
    spec.settings = { ...spec.settings, goal: 'case.balance <= 0 || case.daysPastDue > 30' }
    spec.nodes.find((node) => node.id === 'pause')!.data = { for: 'P10D' }
    const t = await startEngine()
    await enrol(t, spec, [caseInput('c-1')])
    await t.engine.advanceTo(MONDAY.getTime() + days(20))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', ended_at: MONDAY.getTime() + days(10) })
    expect((await messages(t, 'c-1')).map((m) => m.channel)).toEqual(['email'])
  })
})

describe('idempotent events', () => {
  it('the same id twice is one event, whether in one request or two', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    const once = { id: 'pay-1', type: 'payment.received', caseId: 'c-1', at: iso(MONDAY.getTime() + days(1)), data: { amount: 30 } }

    expect(await t.engine.ingest([once, once])).toEqual({ accepted: 1, duplicates: 1, errors: [] })
    await t.engine.advanceTo(MONDAY.getTime() + days(1))
    // Resent after it was applied, even with other content: still the same event.
    expect(await t.engine.ingest([once, { ...once, data: { amount: 70 } }])).toEqual({ accepted: 0, duplicates: 2, errors: [] })
    await t.engine.advanceTo(MONDAY.getTime() + days(2))

    expect((await caseRow(t, 'c-1')).balance).toBe(7000)
    expect((await timeline(t.db, 'c-1')).filter((entry) => entry.kind === 'event' && entry.detail.type === 'payment.received')).toHaveLength(1)
  })

  it('the same content without an id is one event; a different time or amount is another', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    const at = iso(MONDAY.getTime() + days(1))
    const payment = { type: 'payment.received', caseId: 'c-1', at, data: { amount: 10 } }

    expect(await t.engine.ingest([payment, { ...payment }])).toMatchObject({ accepted: 1, duplicates: 1 })
    await t.engine.advanceTo(MONDAY.getTime() + days(1))
    expect(await t.engine.ingest([{ ...payment, data: { amount: 10 } }])).toMatchObject({ accepted: 0, duplicates: 1 })
    expect(
      await t.engine.ingest([
        { ...payment, at: iso(MONDAY.getTime() + days(1.5)) },
        { ...payment, data: { amount: 11 } },
      ]),
    ).toMatchObject({ accepted: 2, duplicates: 0 })
    await t.engine.advanceTo(MONDAY.getTime() + days(2))

    expect((await caseRow(t, 'c-1')).balance).toBe(10000 - 1000 - 1000 - 1100)
  })

  it('two identical payments without id or time, an hour apart, are two payments; a resend in the same instant is one', async () => {
    const t = await startEngine()
    await enrol(t, dunning(), [caseInput('c-1')])
    const payment = { type: 'payment.received', caseId: 'c-1', data: { amount: 10 } }
    expect(await t.engine.ingest([payment, { ...payment }])).toMatchObject({ accepted: 1, duplicates: 1 })
    await t.engine.advanceTo(MONDAY.getTime() + days(1 / 24))
    expect(await t.engine.ingest([payment])).toMatchObject({ accepted: 1, duplicates: 0 })
    await t.engine.advanceTo(MONDAY.getTime() + days(2 / 24))
    expect((await caseRow(t, 'c-1')).balance).toBe(10000 - 1000 - 1000)
  })

  it('an event for an unknown case is refused with its index', async () => {
    const t = await startEngine()
    const result = await t.engine.ingest([{ id: 'x', type: 'payment.received', caseId: 'nobody', data: { amount: 1 } }])
    expect(result).toEqual({ accepted: 0, duplicates: 0, errors: [{ index: 0, id: 'x', path: 'caseId', message: 'caseId: no case "nobody"' }] })
  })
})
