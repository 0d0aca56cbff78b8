import { describe, expect, it } from 'vitest'
import { caseInput, caseRow, days, enrol, entries, event, hours, iso, journey, MONDAY, startEngine, tempFile, theEnrolment, type TestEngine } from './testing'

/** entry → wait for `waitFor` (timeout P180D) → exit `reacted`, or `quiet` at the timeout. */
function waitingOn(waitFor: string, settings?: Record<string, unknown>) {
  return journey({
    id: 'keeps-its-word',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      watch: ['wait', { event: waitFor, timeout: 'P180D' }],
      reacted: ['exit', { outcome: 'reacted' }],
      quiet: ['exit', { outcome: 'quiet' }],
    },
    edges: ['start>watch', 'watch:event>reacted', 'watch:timeout>quiet'],
    ...(settings ? { settings: { locales: ['en'], defaultLocale: 'en', ...settings } } : {}),
  })
}

/** The events the engine sent itself for a case, in order, with their data. */
async function sent(t: TestEngine, caseId: string) {
  const rows = await t.db
    .selectFrom('events')
    .select(['type', 'at', 'data'])
    .where('case_id', '=', caseId)
    .where('source', '=', 'runtime')
    .where('type', 'not like', 'case.%')
    .orderBy('at')
    .orderBy('received_at')
    .execute()
  return rows.map((row) => ({ type: row.type, at: iso(row.at), data: JSON.parse(row.data) }))
}

const at = (time: string) => Date.parse(time)

describe('an instalment plan', () => {
  it('three instalments, two paid, the third missed: instalment.missed and plan.broken when its grace days end, and the journey waiting on it moves', async () => {
    const t = await startEngine()
    await enrol(t, waitingOn('plan.broken'), [caseInput('c-1', { amountDue: 300 })])
    const instalments = [
      { dueDate: '2026-12-01', amount: 100 },
      { dueDate: '2027-01-01', amount: 100 },
      { dueDate: '2027-02-01', amount: 100 },
    ]
    await t.engine.ingest([
      event('plan.agreed', 'c-1', MONDAY.getTime() + hours(1), { instalments, interval: 'P1M', via: 'portal' }),
      event('payment.received', 'c-1', at('2026-12-01T10:00:00Z'), { amount: 100, providerPaymentId: 'pi_1' }),
      event('payment.received', 'c-1', at('2027-01-03T10:00:00Z'), { amount: 100, providerPaymentId: 'pi_2' }),
    ])
    // The third instalment's grace days (3) end with 4 February in Berlin: 5 February 00:00 there.
    await t.engine.advanceTo(at('2027-02-04T22:59:59Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'watch' })
    expect((await sent(t, 'c-1')).map((e) => e.type)).toEqual(['plan.instalment.paid', 'plan.instalment.paid'])

    await t.engine.advanceTo(at('2027-03-01T00:00:00Z'))
    expect(await sent(t, 'c-1')).toEqual([
      { type: 'plan.instalment.paid', at: '2026-12-01T10:00:00.000Z', data: expect.objectContaining({ number: 1, of: 3, amount: 100, paid: 100 }) },
      { type: 'plan.instalment.paid', at: '2027-01-03T10:00:00.000Z', data: expect.objectContaining({ number: 2, dueDate: '2027-01-01' }) },
      {
        type: 'plan.instalment.missed',
        at: '2027-02-04T23:00:00.000Z',
        data: expect.objectContaining({ number: 3, of: 3, dueDate: '2027-02-01', amount: 100, paid: 0 }),
      },
      { type: 'plan.broken', at: '2027-02-04T23:00:00.000Z', data: expect.objectContaining({ missed: 1 }) },
    ])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'reacted', ended_at: at('2027-02-04T23:00:00Z') })
    // The trail shows the engine's events as it shows anyone's.
    expect((await entries(t, 'c-1', 'event')).map((e) => e.detail.type)).toContain('plan.broken')
    expect(Number((await caseRow(t, 'c-1')).balance)).toBe(10_000)
    // Applied in the batch that sent them, and stored as applied.
    expect(await t.db.selectFrom('events').select('type').where('processed_at', 'is', null).execute()).toEqual([])
  })

  it('all paid, one late within its grace days: plan.completed, nothing missed', async () => {
    const t = await startEngine()
    await enrol(t, waitingOn('plan.completed'), [caseInput('c-1', { amountDue: 300 })])
    await t.engine.ingest([
      event('plan.agreed', 'c-1', MONDAY.getTime() + hours(1), {
        instalments: [
          { dueDate: '2026-12-01', amount: 150 },
          { dueDate: '2026-12-15', amount: 100 },
        ],
        interval: 'P2W',
      }),
      event('payment.received', 'c-1', at('2026-12-04T12:00:00Z'), { amount: 200 }),
      event('payment.received', 'c-1', at('2026-12-16T12:00:00Z'), { amount: 50 }),
    ])
    await t.engine.advanceTo(at('2027-01-31T00:00:00Z'))
    expect((await sent(t, 'c-1')).map((e) => e.type)).toEqual(['plan.instalment.paid', 'plan.instalment.paid', 'plan.completed'])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'reacted', ended_at: at('2026-12-16T12:00:00Z') })
  })

  it('a journey’s settings set the grace days and how many misses break a plan', async () => {
    const t = await startEngine()
    await enrol(t, waitingOn('plan.broken', { promises: { graceDays: 0, missesToBreak: 2 } }), [caseInput('c-1', { amountDue: 300 })])
    await t.engine.ingest([
      event('plan.agreed', 'c-1', MONDAY.getTime() + hours(1), {
        instalments: [
          { dueDate: '2026-12-01', amount: 100 },
          { dueDate: '2026-12-08', amount: 100 },
          { dueDate: '2026-12-15', amount: 100 },
        ],
        interval: 'P1W',
      }),
    ])
    await t.engine.advanceTo(at('2026-12-05T00:00:00Z'))
    // 1 December ends at midnight in Berlin: missed then, but one miss does not break it.
    expect(await sent(t, 'c-1')).toMatchObject([{ type: 'plan.instalment.missed', at: '2026-12-01T23:00:00.000Z' }])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active' })
    await t.engine.advanceTo(at('2026-12-20T00:00:00Z'))
    expect((await sent(t, 'c-1')).map((e) => `${e.type} ${e.at}`)).toEqual([
      'plan.instalment.missed 2026-12-01T23:00:00.000Z',
      'plan.instalment.missed 2026-12-08T23:00:00.000Z',
      'plan.broken 2026-12-08T23:00:00.000Z',
    ])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'reacted', ended_at: at('2026-12-08T23:00:00Z') })
  })
})

describe('kept across a restart', () => {
  it('a plan agreed before the runtime stops is checked after it starts again: its due timer is in the database', async () => {
    const file = tempFile()
    const before = await startEngine({ file })
    await enrol(before, waitingOn('plan.broken'), [caseInput('c-1')])
    await before.engine.ingest([
      event('plan.agreed', 'c-1', MONDAY.getTime() + hours(1), { instalments: [{ dueDate: '2026-12-01', amount: 100 }], interval: 'P1M' }),
    ])
    await before.engine.advanceTo(MONDAY.getTime() + days(1))
    await before.close()

    const after = await startEngine({ file, at: new Date(MONDAY.getTime() + days(1)) })
    await after.engine.advanceTo(at('2026-12-31T00:00:00Z'))
    expect((await sent(after, 'c-1')).map((e) => `${e.type} ${e.at}`)).toEqual([
      'plan.instalment.missed 2026-12-04T23:00:00.000Z',
      'plan.broken 2026-12-04T23:00:00.000Z',
    ])
    expect(await theEnrolment(after, 'c-1')).toMatchObject({ outcome: 'reacted' })
  })
})

describe('a promise to pay', () => {
  it('kept: a payment of the promised amount before the date sends promise.kept, and nothing breaks later', async () => {
    const t = await startEngine()
    await enrol(t, waitingOn('promise.kept'), [caseInput('c-1')])
    await t.engine.ingest([
      event('promise.made', 'c-1', MONDAY.getTime() + hours(1), { amount: 40, date: '2026-11-30', via: 'agent' }),
      event('payment.received', 'c-1', MONDAY.getTime() + days(2), { amount: 25 }),
      event('payment.received', 'c-1', MONDAY.getTime() + days(3), { amount: 15 }),
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(30))
    expect(await sent(t, 'c-1')).toEqual([
      { type: 'promise.kept', at: iso(MONDAY.getTime() + days(3)), data: expect.objectContaining({ dueDate: '2026-11-30', amount: 40, paid: 40 }) },
    ])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'reacted', ended_at: MONDAY.getTime() + days(3) })
  })

  it('broken: too little by the date, promise.broken when the grace days end — on the virtual clock, not a moment before', async () => {
    const t = await startEngine()
    await enrol(t, waitingOn('promise.broken'), [caseInput('c-1')])
    await t.engine.ingest([
      event('promise.made', 'c-1', MONDAY.getTime() + hours(1), { amount: 40, date: '2026-11-30' }),
      event('payment.received', 'c-1', MONDAY.getTime() + days(2), { amount: 20 }),
    ])
    await t.engine.advanceTo(at('2026-12-03T22:59:59.999Z'))
    expect(await sent(t, 'c-1')).toEqual([])
    await t.engine.advanceTo(at('2026-12-03T23:00:00Z'))
    expect(await sent(t, 'c-1')).toEqual([{ type: 'promise.broken', at: '2026-12-03T23:00:00.000Z', data: expect.objectContaining({ amount: 40, paid: 20 }) }])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'reacted', ended_at: at('2026-12-03T23:00:00Z') })
  })

  it('a new promise replaces the one before: only the new date counts', async () => {
    const t = await startEngine()
    await enrol(t, waitingOn('promise.broken'), [caseInput('c-1')])
    await t.engine.ingest([
      event('promise.made', 'c-1', MONDAY.getTime() + hours(1), { amount: 40, date: '2026-11-25' }),
      event('promise.made', 'c-1', MONDAY.getTime() + days(1), { amount: 40, date: '2026-12-10' }),
      event('payment.received', 'c-1', at('2026-12-09T10:00:00Z'), { amount: 40 }),
    ])
    await t.engine.advanceTo(at('2027-01-01T00:00:00Z'))
    expect((await sent(t, 'c-1')).map((e) => e.type)).toEqual(['promise.kept'])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'watch' })
  })
})

describe('a payment reversed', () => {
  it('raises the balance again and opens what it paid: past its grace days the instalment is missed at once', async () => {
    const t = await startEngine()
    await enrol(t, waitingOn('plan.broken'), [caseInput('c-1')])
    await t.engine.ingest([
      event('plan.agreed', 'c-1', MONDAY.getTime() + hours(1), {
        instalments: [
          { dueDate: '2026-12-01', amount: 50 },
          { dueDate: '2027-01-01', amount: 50 },
        ],
        interval: 'P1M',
      }),
      event('payment.received', 'c-1', at('2026-11-30T10:00:00Z'), { amount: 50, provider: 'stripe', providerPaymentId: 'pi_1' }),
    ])
    await t.engine.advanceTo(at('2026-12-10T00:00:00Z'))
    expect(Number((await caseRow(t, 'c-1')).balance)).toBe(5000)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active' })

    await t.engine.ingest([event('payment.reversed', 'c-1', at('2026-12-10T00:00:00Z'), { providerPaymentId: 'pi_1', amount: 50, reason: 'chargeback' })])
    await t.engine.runDue()
    expect(Number((await caseRow(t, 'c-1')).balance)).toBe(10_000)
    expect((await sent(t, 'c-1')).map((e) => `${e.type} ${e.at}`)).toEqual([
      'plan.instalment.paid 2026-11-30T10:00:00.000Z',
      'plan.instalment.missed 2026-12-10T00:00:00.000Z',
      'plan.broken 2026-12-10T00:00:00.000Z',
    ])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'reacted' })
  })

  it('before the due date has passed, a reversed promise is open again and breaks when the grace days end', async () => {
    const t = await startEngine()
    await enrol(t, waitingOn('promise.broken'), [caseInput('c-1')])
    await t.engine.ingest([
      event('promise.made', 'c-1', MONDAY.getTime() + hours(1), { amount: 30, date: '2026-11-30' }),
      event('payment.received', 'c-1', MONDAY.getTime() + days(1), { amount: 30, providerPaymentId: 'pi_9' }),
      event('payment.reversed', 'c-1', MONDAY.getTime() + days(2), { providerPaymentId: 'pi_9', amount: 30 }),
    ])
    await t.engine.advanceTo(at('2026-12-31T00:00:00Z'))
    expect((await sent(t, 'c-1')).map((e) => `${e.type} ${e.at}`)).toEqual(['promise.kept 2026-11-24T09:00:00.000Z', 'promise.broken 2026-12-03T23:00:00.000Z'])
    expect(Number((await caseRow(t, 'c-1')).balance)).toBe(10_000)
  })
})
