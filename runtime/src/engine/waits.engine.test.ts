import { describe, expect, it } from 'vitest'
import { caseInput, days, enrol, entries, event, iso, journey, MONDAY, startEngine, textTemplate, theEnrolment, type CaseOptions } from './testing'

/** entry → wait → letter → exit `done`: the letter shows when the wait ended (letters are not bound to contact hours). */
function waitJourney(id: string, wait: Record<string, unknown>) {
  return journey({
    id,
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      hold: ['wait', wait],
      post: ['letter', { template: 'letter' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>hold', 'hold>post', 'post>done'],
    templates: { letter: textTemplate('letter', '<p>Dear {{ debtor.lastName | default: "" }}</p>') },
  })
}

/** Enrols one case at `at` and returns when its wait ends, as the audit trail and the enrolment tell it. */
async function waitEnds(wait: Record<string, unknown>, at: string, options: CaseOptions = {}) {
  const t = await startEngine({ at })
  await enrol(t, waitJourney('waits', wait), [caseInput('c-1', options)])
  const [waiting] = await entries(t, 'c-1', 'waiting')
  await t.engine.advanceTo(Date.parse(at) + days(40))
  const enrolment = await theEnrolment(t, 'c-1')
  expect(enrolment).toMatchObject({ status: 'done', outcome: 'done' })
  return { until: waiting!.detail.until, ended: iso(enrolment.ended_at!), t }
}

describe('wait for a duration', () => {
  it('P3D ends three days later to the minute, and not a moment before', async () => {
    const t = await startEngine()
    await enrol(t, waitJourney('wait-for', { for: 'P3D' }), [caseInput('c-1')])
    const [waiting] = await entries(t, 'c-1', 'waiting')
    expect(waiting).toMatchObject({ nodeId: 'hold', at: MONDAY.toISOString(), detail: { until: '2026-11-26T09:00:00.000Z' } })

    await t.engine.advanceTo(Date.parse('2026-11-26T08:59:59.999Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'hold' })
    expect(await t.db.selectFrom('outbox').selectAll().execute()).toEqual([])

    await t.engine.advanceTo(Date.parse('2026-11-26T09:00:00Z'))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'done', ended_at: Date.parse('2026-11-26T09:00:00Z') })
    expect(await t.db.selectFrom('timers').selectAll().execute()).toEqual([])
  })

  it('PT36H counts hours, not days', async () => {
    const { until, ended } = await waitEnds({ for: 'PT36H' }, '2026-11-23T09:00:00Z')
    expect(until).toBe('2026-11-24T21:00:00.000Z')
    expect(ended).toBe('2026-11-24T21:00:00.000Z')
  })
})

describe('wait for business days', () => {
  it('skips the weekend: three business days from a Friday end on Wednesday at the same local time', async () => {
    const { until, ended } = await waitEnds({ for: 'P3D', businessDays: true }, '2026-11-27T09:00:00Z')
    expect(until).toBe('2026-12-02T09:00:00.000Z')
    expect(ended).toBe('2026-12-02T09:00:00.000Z')
  })

  it("skips the debtor's regional public holidays: Epiphany counts in Berlin, not in Bavaria", async () => {
    // Monday 4 January 2027, 10:00 in Germany; 6 January is a holiday in Bavaria only.
    const berlin = await waitEnds({ for: 'P3D', businessDays: true }, '2027-01-04T09:00:00Z', { debtor: { region: 'BE' } })
    const bavaria = await waitEnds({ for: 'P3D', businessDays: true }, '2027-01-04T09:00:00Z', { debtor: { region: 'BY' } })
    expect(berlin.ended).toBe('2027-01-07T09:00:00.000Z')
    expect(bavaria.ended).toBe('2027-01-08T09:00:00.000Z')
  })
})

describe('wait until a local time of day', () => {
  it('on given weekdays: from a Wednesday, "09:00 on Mondays" is next Monday 09:00 in Berlin', async () => {
    const { until, ended } = await waitEnds({ until: '09:00', days: ['mon'] }, '2026-11-25T09:00:00Z')
    expect(until).toBe('2026-11-30T08:00:00.000Z')
    expect(ended).toBe('2026-11-30T08:00:00.000Z')
  })

  it('on any day: 09:00 after 10:00 is tomorrow morning', async () => {
    const { ended } = await waitEnds({ until: '09:00' }, '2026-11-23T09:00:00Z')
    expect(ended).toBe('2026-11-24T08:00:00.000Z')
  })

  it("in the debtor's own zone: 09:00 in New York is 14:00 UTC", async () => {
    const { ended } = await waitEnds({ until: '09:00' }, '2026-11-23T09:00:00Z', { debtor: { timezone: 'America/New_York', country: 'US', region: 'NY' } })
    expect(ended).toBe('2026-11-23T14:00:00.000Z')
  })

  it('across the spring DST change: 09:00 on Sunday 29 March 2026 in Berlin is 07:00 UTC (it was 08:00 UTC the day before)', async () => {
    const { ended } = await waitEnds({ until: '09:00' }, '2026-03-28T09:00:00Z')
    expect(ended).toBe('2026-03-29T07:00:00.000Z')
  })

  it('a one-day wait across the spring DST change keeps the local time (23 hours)', async () => {
    const { ended } = await waitEnds({ for: 'P1D' }, '2026-03-28T09:00:00Z')
    expect(ended).toBe('2026-03-29T08:00:00.000Z')
  })
})

describe('wait for an event', () => {
  const promiseJourney = () =>
    journey({
      id: 'wait-event',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        promise: ['wait', { event: 'promise.made', when: 'event.data.amount > 0', timeout: 'P7D' }],
        promised: ['exit', { outcome: 'promised' }],
        silent: ['exit', { outcome: 'no-response' }],
      },
      edges: ['start>promise', 'promise:event>promised', 'promise:timeout>silent'],
    })

  it('takes the event outcome for a matching event; one that fails `when`, or another type, does not count', async () => {
    const t = await startEngine()
    await enrol(t, promiseJourney(), [caseInput('c-1')])
    await t.engine.ingest([
      event('promise.made', 'c-1', MONDAY.getTime() + days(1), { amount: 0 }),
      event('promise.broken', 'c-1', MONDAY.getTime() + days(1.5), { amount: 50 }),
      event('promise.made', 'c-1', MONDAY.getTime() + days(2), { amount: 50 }),
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(1.9))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'promise' })

    await t.engine.advanceTo(MONDAY.getTime() + days(10))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'promised', ended_at: MONDAY.getTime() + days(2) })
    const [decided] = await entries(t, 'c-1', 'decided')
    expect(decided).toMatchObject({
      nodeId: 'promise',
      at: iso(MONDAY.getTime() + days(2)),
      detail: { outcome: 'event', conditions: [{ expr: 'event.data.amount > 0', outcome: 'event', result: true }] },
    })
    // The timeout was cancelled with the wait.
    expect(await t.db.selectFrom('timers').selectAll().execute()).toEqual([])
  })

  it('takes the timeout outcome exactly when the timeout runs out', async () => {
    const t = await startEngine()
    await enrol(t, promiseJourney(), [caseInput('c-1')])
    const [waiting] = await entries(t, 'c-1', 'waiting')
    expect(waiting!.detail).toEqual({ until: iso(MONDAY.getTime() + days(7)), event: 'promise.made' })
    await t.engine.advanceTo(MONDAY.getTime() + days(7) - 1)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active' })
    await t.engine.advanceTo(MONDAY.getTime() + days(7))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'no-response', ended_at: MONDAY.getTime() + days(7) })
    expect((await entries(t, 'c-1', 'decided')).map((entry) => entry.detail.outcome)).toEqual(['timeout'])
  })

  it('an event after the timeout changes nothing', async () => {
    const t = await startEngine()
    await enrol(t, promiseJourney(), [caseInput('c-1')])
    await t.engine.ingest([event('promise.made', 'c-1', MONDAY.getTime() + days(8), { amount: 50 })])
    await t.engine.advanceTo(MONDAY.getTime() + days(9))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'no-response' })
  })
})
