import { describe, expect, it } from 'vitest'
import { simulate } from '../simulate/simulate'
import { caseInput, days, enrol, entries, event, hours, iso, journey, messages, MONDAY, startEngine, tempFile, textTemplate, theEnrolment } from './testing'

/** entry → wait for a promise or plan (14 days to make one) → exit `promised`, `broken-promise` or `no-response`. */
const promiseWait = () =>
  journey({
    id: 'promise-wait',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      arrangement: ['await-arrangement', { timeout: 'P14D' }],
      promised: ['exit', { outcome: 'promised' }],
      broken: ['exit', { outcome: 'broken-promise' }],
      none: ['exit', { outcome: 'no-response' }],
    },
    edges: ['start>arrangement', 'arrangement:kept>promised', 'arrangement:broken>broken', 'arrangement:none>none'],
  })

const at = (time: string) => Date.parse(time)

describe('a wait for a promise or plan', () => {
  it('kept: a promise made and paid takes kept, when the promise is kept', async () => {
    const t = await startEngine()
    await enrol(t, promiseWait(), [caseInput('c-1')])
    await t.engine.ingest([
      event('promise.made', 'c-1', MONDAY.getTime() + days(2), { amount: 40, date: '2026-11-30', via: 'portal' }),
      event('payment.received', 'c-1', MONDAY.getTime() + days(5), { amount: 40 }),
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(30))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'promised', ended_at: MONDAY.getTime() + days(5) })
    expect((await entries(t, 'c-1', 'decided')).map((e) => e.detail)).toEqual([expect.objectContaining({ outcome: 'kept', label: 'promise.kept' })])
  })

  it('broken: a promise made in time stops the 14 days; it breaks after its date and grace days, and takes broken then', async () => {
    const t = await startEngine()
    await enrol(t, promiseWait(), [caseInput('c-1')])
    // Due 15 December, past the 14 days to make one; its 3 grace days end with 18 December in Berlin.
    await t.engine.ingest([event('promise.made', 'c-1', MONDAY.getTime() + hours(3), { amount: 40, date: '2026-12-15' })])
    await t.engine.advanceTo(at('2026-12-18T22:59:59Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'arrangement' })
    await t.engine.advanceTo(at('2026-12-18T23:00:00Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'broken-promise', ended_at: at('2026-12-18T23:00:00Z') })
    expect((await entries(t, 'c-1', 'decided')).map((e) => e.detail.outcome)).toEqual(['broken'])
  })

  it('none made: after 14 days without a promise or plan it takes none made, not a moment before', async () => {
    const t = await startEngine()
    await enrol(t, promiseWait(), [caseInput('c-1')])
    await t.engine.advanceTo(MONDAY.getTime() + days(14) - 1)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'arrangement' })
    await t.engine.advanceTo(MONDAY.getTime() + days(14))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'no-response', ended_at: MONDAY.getTime() + days(14) })
    expect((await entries(t, 'c-1', 'decided')).map((e) => e.detail)).toEqual([expect.objectContaining({ outcome: 'none', label: 'none made' })])
  })

  it('a plan agreed and every instalment paid takes kept; a plan broken takes broken', async () => {
    const t = await startEngine()
    // Plans for part of the balance: paying the whole would meet the journey's goal (paid) first.
    await enrol(t, promiseWait(), [caseInput('c-1', { amountDue: 300 }), caseInput('c-2', { amountDue: 300 })])
    const instalments = [
      { dueDate: '2026-12-01', amount: 100 },
      { dueDate: '2026-12-15', amount: 100 },
    ]
    await t.engine.ingest([
      event('plan.agreed', 'c-1', MONDAY.getTime() + hours(1), { instalments, interval: 'P2W' }),
      event('plan.agreed', 'c-2', MONDAY.getTime() + hours(1), { instalments, interval: 'P2W' }),
      event('payment.received', 'c-1', at('2026-12-01T10:00:00Z'), { amount: 100 }),
      event('payment.received', 'c-1', at('2026-12-14T10:00:00Z'), { amount: 100 }),
    ])
    await t.engine.advanceTo(at('2027-01-31T00:00:00Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'promised', ended_at: at('2026-12-14T10:00:00Z') })
    // Nothing paid: one missed instalment breaks a plan, when its grace days end with 4 December in Berlin.
    expect(await theEnrolment(t, 'c-2')).toMatchObject({ outcome: 'broken-promise', ended_at: at('2026-12-04T23:00:00Z') })
  })
})

/** entry → wait 3 days → wait for a promise or plan (14 days to make one) → the same exits. */
const promiseWaitLater = () =>
  journey({
    id: 'promise-wait-later',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      pause: ['wait', { for: 'P3D' }],
      arrangement: ['await-arrangement', { timeout: 'P14D' }],
      promised: ['exit', { outcome: 'promised' }],
      broken: ['exit', { outcome: 'broken-promise' }],
      none: ['exit', { outcome: 'no-response' }],
    },
    edges: ['start>pause', 'pause>arrangement', 'arrangement:kept>promised', 'arrangement:broken>broken', 'arrangement:none>none'],
  })

describe('a promise or plan made before the wait is reached', () => {
  it('active: the wait takes no new one and no timeout; it follows the one made until it breaks', async () => {
    const t = await startEngine()
    await enrol(t, promiseWaitLater(), [caseInput('c-1')])
    // Promised on day 1 for 15 December: past the 3 days and the 14 to make one.
    await t.engine.ingest([event('promise.made', 'c-1', MONDAY.getTime() + days(1), { amount: 40, date: '2026-12-15', via: 'portal' })])
    await t.engine.advanceTo(MONDAY.getTime() + days(3) + days(14) + 1)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'arrangement' })
    expect((await entries(t, 'c-1', 'waiting')).at(-1)?.detail).toEqual({ arrangement: 'promise:c-1:1', kind: 'promise', due: '2026-12-15' })
    await t.engine.advanceTo(at('2026-12-18T23:00:00Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'broken-promise', ended_at: at('2026-12-18T23:00:00Z') })
    expect((await entries(t, 'c-1', 'decided')).map((e) => e.detail)).toEqual([expect.objectContaining({ outcome: 'broken', label: 'promise.broken' })])
  })

  it('an active plan made before is followed to its end: every instalment paid takes kept', async () => {
    const t = await startEngine()
    await enrol(t, promiseWaitLater(), [caseInput('c-1', { amountDue: 300 })])
    await t.engine.ingest([
      event('plan.agreed', 'c-1', MONDAY.getTime() + hours(1), {
        instalments: [
          { dueDate: '2026-12-20', amount: 100 },
          { dueDate: '2027-01-20', amount: 100 },
        ],
        interval: 'P1M',
      }),
      event('payment.received', 'c-1', at('2026-12-19T10:00:00Z'), { amount: 100 }),
      event('payment.received', 'c-1', at('2027-01-19T10:00:00Z'), { amount: 100 }),
    ])
    await t.engine.advanceTo(at('2027-02-28T00:00:00Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'promised', ended_at: at('2027-01-19T10:00:00Z') })
  })

  it('kept or broken in this enrolment before the step: the wait takes that outcome at once', async () => {
    const t = await startEngine()
    await enrol(t, promiseWaitLater(), [caseInput('c-kept'), caseInput('c-broken')])
    await t.engine.ingest([
      event('promise.made', 'c-kept', MONDAY.getTime() + hours(1), { amount: 40, date: '2026-11-24' }),
      event('payment.received', 'c-kept', MONDAY.getTime() + hours(5), { amount: 40 }),
      // Due the day before: its 3 grace days end with 25 November in Berlin, before the 3-day wait does.
      event('promise.made', 'c-broken', MONDAY.getTime() + hours(1), { amount: 40, date: '2026-11-22' }),
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(3))
    expect(await theEnrolment(t, 'c-kept')).toMatchObject({ status: 'done', outcome: 'promised', ended_at: MONDAY.getTime() + days(3) })
    expect(await theEnrolment(t, 'c-broken')).toMatchObject({ status: 'done', outcome: 'broken-promise', ended_at: MONDAY.getTime() + days(3) })
    expect((await entries(t, 'c-kept', 'decided')).map((e) => e.detail)).toEqual([expect.objectContaining({ outcome: 'kept', label: 'kept before this step' })])
    expect((await entries(t, 'c-broken', 'decided')).map((e) => e.detail)).toEqual([
      expect.objectContaining({ outcome: 'broken', label: 'broken before this step' }),
    ])
  })

  it('kept before the case entered the journey: history, the wait waits for a new one', async () => {
    const t = await startEngine()
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([
      event('promise.made', 'c-1', MONDAY.getTime() + hours(1), { amount: 40, date: '2026-11-24' }),
      event('payment.received', 'c-1', MONDAY.getTime() + hours(2), { amount: 40 }),
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(1))
    await t.engine.publish(promiseWaitLater())
    await t.engine.ingest([event('invoice.overdue', 'c-1', MONDAY.getTime() + days(1))])
    await t.engine.advanceTo(MONDAY.getTime() + days(1 + 3 + 14))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'no-response', ended_at: MONDAY.getTime() + days(1 + 3 + 14) })
  })
})

describe('a test run (simulation) of a wait reached after a promise', () => {
  it('follows the promise made before the step, as the engine does', async () => {
    const report = await simulate({
      journey: promiseWaitLater(),
      cases: [caseInput('c-1'), caseInput('c-2')],
      events: [
        { id: 'p-1', type: 'promise.made', caseId: 'c-1', at: iso(MONDAY.getTime() + days(1)), data: { amount: 40, date: '2026-12-15' } },
        { id: 'p-2', type: 'promise.made', caseId: 'c-2', at: iso(MONDAY.getTime() + days(1)), data: { amount: 40, date: '2026-12-15' } },
        { id: 'pay-2', type: 'payment.received', caseId: 'c-2', at: '2026-12-14T10:00:00Z', data: { amount: 40 } },
      ],
      start: MONDAY,
      days: 40,
    })
    expect(report.cases['c-1']).toMatchObject({ outcome: 'broken-promise' })
    expect(report.cases['c-2']).toMatchObject({ outcome: 'promised' })
  })
})

describe('a wait for a promise or plan met again after a broken one (a second chance)', () => {
  /** entry → wait for a promise or plan → broken: SMS → the same wait again; kept → `promised`; none → `no-response`. */
  const secondChance = () =>
    journey({
      id: 'second-chance',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        arrangement: ['await-arrangement', { timeout: 'P14D' }],
        nudge: ['sms', { template: 'nudge' }],
        promised: ['exit', { outcome: 'promised' }],
        none: ['exit', { outcome: 'no-response' }],
      },
      edges: ['start>arrangement', 'arrangement:broken>nudge', 'nudge>arrangement', 'arrangement:kept>promised', 'arrangement:none>none'],
      templates: { nudge: textTemplate('sms', 'A new date? {{ links.portal }}') },
    })

  it('the broken one was answered there: the wait waits for a new one, and does not take broken again (after a restart too)', async () => {
    const file = tempFile()
    const before = await startEngine({ file })
    await enrol(before, secondChance(), [caseInput('c-1')])
    // Broken when 24 November's grace days end: 27 November 23:00 UTC, midnight in Berlin; the SMS goes out at 08:00.
    await before.engine.ingest([event('promise.made', 'c-1', MONDAY.getTime() + hours(1), { amount: 40, date: '2026-11-24' })])
    await before.engine.advanceTo(at('2026-11-28T05:00:00Z'))
    expect(await theEnrolment(before, 'c-1')).toMatchObject({ status: 'active', node: 'nudge' })
    await before.close()

    const t = await startEngine({ file, at: '2026-11-28T05:00:00Z' })
    await t.engine.advanceTo(at('2026-12-31T00:00:00Z'))
    const sms = await messages(t, 'c-1')
    expect(sms.map((m) => m.node_id)).toEqual(['nudge'])
    const sentAt = Number(sms[0]!.created_at)
    expect((await entries(t, 'c-1', 'decided')).map((e) => e.detail.outcome)).toEqual(['broken', 'none'])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'no-response', ended_at: sentAt + days(14) })
  })

  it('a new promise after the reminder is followed: kept takes kept', async () => {
    const t = await startEngine()
    await enrol(t, secondChance(), [caseInput('c-1')])
    await t.engine.ingest([
      event('promise.made', 'c-1', MONDAY.getTime() + hours(1), { amount: 40, date: '2026-11-24' }),
      event('promise.made', 'c-1', at('2026-11-30T10:00:00Z'), { amount: 40, date: '2026-12-10' }),
      event('payment.received', 'c-1', at('2026-12-09T10:00:00Z'), { amount: 40 }),
    ])
    await t.engine.advanceTo(at('2026-12-31T00:00:00Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'promised', ended_at: at('2026-12-09T10:00:00Z') })
  })
})
