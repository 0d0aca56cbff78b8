import { describe, expect, it } from 'vitest'
import { parseContactPolicy, type ContactPolicy } from '../index'
import {
  callingJourney,
  caseInput,
  days,
  emailTemplate,
  enrolments,
  entries,
  event,
  hours,
  iso,
  journey,
  messages,
  MONDAY,
  startEngine,
  type CaseOptions,
} from './testing'

const policyOf = (json: unknown): ContactPolicy => {
  const result = parseContactPolicy(json)
  if (!result.ok) throw new Error(result.errors.join('; '))
  return result.policy
}

/** entry (on `trigger`) → email → wait `wait` → exit `done`, with the journey's settings around a priority. */
function mailing(id: string, options: { trigger?: string; wait?: string; priority?: Record<string, unknown>; stopOn?: unknown[] } = {}) {
  return journey({
    id,
    settings: {
      locales: ['en'],
      defaultLocale: 'en',
      ...(options.priority ? { priority: options.priority } : {}),
      ...(options.stopOn ? { stopOn: options.stopOn } : {}),
    },
    nodes: {
      start: ['entry', { event: options.trigger ?? 'invoice.overdue' }],
      mail: ['email', { template: 'mail' }],
      pause: ['wait', { for: options.wait ?? 'P10D' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>mail', 'mail>pause', 'pause>done'],
    templates: { mail: emailTemplate(`Hello from ${id}`) },
  })
}

const trail = async (t: Parameters<typeof entries>[0], caseId: string, kind: string) => (await entries(t, caseId, kind)).map((entry) => entry.detail)

describe('three journeys on one event, with priorities and a cross-journey cap', () => {
  it('the debtor gets one email that day; the trail says which journey holds the case and which used the cap', async () => {
    const t = await startEngine()
    await t.engine.publish(mailing('hardship-care', { priority: { rank: 1 } }))
    await t.engine.publish(mailing('standard-dunning', { priority: { rank: 2 } }))
    // Outside the group: it may run beside the others, but its email still counts against the debtor's daily cap.
    await t.engine.publish(mailing('survey', { priority: { rank: 1, group: 'service', parallel: true } }))
    await t.engine.upsertCases([caseInput('c-1')])
    // All three step the case in one batch.
    await t.engine.ingest([event('invoice.overdue', 'c-1', MONDAY)])
    await t.engine.runDue()

    expect((await messages(t, 'c-1')).map((m) => `${m.journey_id}: ${iso(m.created_at)}`)).toEqual(['hardship-care: 2026-11-23T09:00:00.000Z'])
    expect(await trail(t, 'c-1', 'not-enrolled')).toEqual([
      { journey: 'standard-dunning', version: 1, reason: 'journey "hardship-care" (rank 1 in group dunning) holds the case' },
    ])
    const deferred = (await entries(t, 'c-1', 'message')).filter((entry) => entry.detail.status === 'deferred')
    expect(deferred.map((entry) => entry.detail)).toEqual([
      expect.objectContaining({
        reason: 'frequency cap: one message a day: at most 1 message in 1 day, used by journey "hardship-care"',
        rule: 'one message a day: at most 1 message in 1 day',
        source: 'policy',
        counted: 1,
        journeys: ['hardship-care'],
        until: '2026-11-24T09:00:00.000Z',
      }),
    ])

    await t.engine.advanceTo(MONDAY.getTime() + days(3))
    expect((await messages(t, 'c-1')).map((m) => `${m.journey_id}: ${iso(m.created_at)}`)).toEqual([
      'hardship-care: 2026-11-23T09:00:00.000Z',
      'survey: 2026-11-24T09:00:00.000Z',
    ])
    expect((await enrolments(t, 'c-1')).map((e) => `${e.journey_id}: ${e.status}`).sort()).toEqual(['hardship-care: active', 'survey: active'])
  })

  it('a journey of higher priority pauses the one it outranks, which resumes where it was when that one ends', async () => {
    const t = await startEngine()
    await t.engine.publish(mailing('reminder', { priority: { rank: 5 }, wait: 'P10D' }))
    await t.engine.publish(mailing('broken-promise', { trigger: 'promise.broken', priority: { rank: 1 }, wait: 'P3D' }))
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([event('invoice.overdue', 'c-1', MONDAY), event('promise.broken', 'c-1', MONDAY.getTime() + days(2))])
    await t.engine.advanceTo(MONDAY.getTime() + days(3))
    const reminder = (await enrolments(t, 'c-1')).find((e) => e.journey_id === 'reminder')!
    expect(reminder).toMatchObject({ status: 'paused', outranked_by: 'broken-promise/c-1/1' })
    expect(await trail(t, 'c-1', 'paused')).toEqual([
      { reason: 'outranked by journey "broken-promise" (rank 1 in group dunning)', journey: 'broken-promise', enrolment: 'broken-promise/c-1/1' },
    ])
    // Neither an operator's resume nor a hold's release gives the case back while the other journey runs.
    await t.engine.control('c-1', 'resume')
    await t.engine.ingest([event('dispute.opened', 'c-1', MONDAY.getTime() + days(3.2)), event('dispute.resolved', 'c-1', MONDAY.getTime() + days(3.5))])
    await t.engine.advanceTo(MONDAY.getTime() + days(4))
    // The dispute paused and released the journey that holds the case; the reminder stayed paused.
    expect((await entries(t, 'c-1', 'resumed')).map((entry) => `${entry.enrolmentId}: ${entry.detail.reason}`)).toEqual(['broken-promise/c-1/1: dispute'])
    expect((await enrolments(t, 'c-1')).find((e) => e.journey_id === 'reminder')).toMatchObject({ status: 'paused' })

    await t.engine.advanceTo(MONDAY.getTime() + days(5.5))
    const resumed = (await entries(t, 'c-1', 'resumed')).filter((entry) => entry.enrolmentId === 'reminder/c-1/1')
    expect(resumed.map((entry) => entry.detail)).toEqual([
      { reason: 'journey "broken-promise" ended', journey: 'broken-promise', enrolment: 'broken-promise/c-1/1' },
    ])
    expect((await enrolments(t, 'c-1')).map((e) => `${e.journey_id}: ${e.status} ${e.outcome ?? ''}`)).toEqual([
      'reminder: active ',
      'broken-promise: done done',
    ])
    // Its wait went on counting while it was paused: it ends on day 10 as planned.
    await t.engine.advanceTo(MONDAY.getTime() + days(11))
    expect((await enrolments(t, 'c-1')).find((e) => e.journey_id === 'reminder')).toMatchObject({ status: 'done', outcome: 'done' })
  })

  it('a journey set to end when outranked ends with outcome `outranked`, naming the other journey', async () => {
    const t = await startEngine()
    await t.engine.publish(mailing('reminder', { priority: { rank: 5, whenOutranked: 'end' } }))
    await t.engine.publish(mailing('legal', { trigger: 'promise.broken', priority: { rank: 1 } }))
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([event('invoice.overdue', 'c-1', MONDAY), event('promise.broken', 'c-1', MONDAY.getTime() + days(2))])
    await t.engine.advanceTo(MONDAY.getTime() + days(3))
    expect((await enrolments(t, 'c-1')).find((e) => e.journey_id === 'reminder')).toMatchObject({ status: 'done', outcome: 'outranked' })
    expect((await trail(t, 'c-1', 'exited'))[0]).toEqual({
      outcome: 'outranked',
      reason: 'outranked by journey "legal" (rank 1 in group dunning)',
      journey: 'legal',
      enrolment: 'legal/c-1/1',
    })
  })
})

describe('stop rules', () => {
  const promiseStops = () =>
    mailing('stoppable', {
      stopOn: [{ event: 'promise.made', when: 'double(event.data.amount) >= case.balance', outcome: 'promised' }, { event: 'call.wrong-number' }],
    })

  it('an event that meets the condition ends the enrolment wherever it is, with the outcome', async () => {
    const t = await startEngine()
    await t.engine.publish(promiseStops())
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([
      event('invoice.overdue', 'c-1', MONDAY),
      event('promise.made', 'c-1', MONDAY.getTime() + days(1), { amount: 40 }),
      event('promise.made', 'c-1', MONDAY.getTime() + days(2), { amount: 100 }),
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(1.5))
    expect((await enrolments(t, 'c-1'))[0]).toMatchObject({ status: 'active' })
    await t.engine.advanceTo(MONDAY.getTime() + days(3))
    expect((await enrolments(t, 'c-1'))[0]).toMatchObject({ status: 'done', outcome: 'promised', node: 'pause' })
    expect(await trail(t, 'c-1', 'exited')).toEqual([{ outcome: 'promised', reason: 'stop rule: promise.made when double(event.data.amount) >= case.balance' }])
    // The wait's timer went with it.
    expect(await t.db.selectFrom('timers').selectAll().execute()).toEqual([])
  })

  it('without a condition or outcome: ends as `stopped`; a condition that cannot be evaluated counts as false and says why', async () => {
    const t = await startEngine()
    // A stop rule's event is one the engine listens to (no "nobody listens" warning at ingest), as is a quiet period's.
    expect(t.engine.isHeard('call.wrong-number')).toBe(false)
    await t.engine.publish(promiseStops())
    expect(t.engine.isHeard('call.wrong-number')).toBe(true)
    expect(t.engine.isHeard('call.connected')).toBe(true)
    await t.engine.upsertCases([caseInput('c-1'), caseInput('c-2')])
    await t.engine.ingest([
      event('invoice.overdue', 'c-1', MONDAY),
      event('invoice.overdue', 'c-2', MONDAY),
      event('call.wrong-number', 'c-1', MONDAY.getTime() + hours(1)),
      event('promise.made', 'c-2', MONDAY.getTime() + hours(1), { date: '2026-12-01' }),
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(1))
    expect((await enrolments(t, 'c-1'))[0]).toMatchObject({ status: 'done', outcome: 'stopped' })
    expect((await enrolments(t, 'c-2'))[0]).toMatchObject({ status: 'active' })
    const [failed] = await trail(t, 'c-2', 'stop-rule')
    expect(failed).toMatchObject({ event: 'promise.made', when: 'double(event.data.amount) >= case.balance' })
    expect(String(failed!.error)).toMatch(/amount/)
  })
})

const newYork: CaseOptions = { debtor: { timezone: 'America/New_York', country: 'US', region: 'NY', phone: '+12125550100' } }

/** Monday 23 November 2026, 09:00 in New York. */
const NY_MORNING = new Date('2026-11-23T14:00:00Z')

describe('Regulation F for US debtors (the default policy)', () => {
  it('the 8th call attempt in 7 days is deferred until the first has left the 7 days, naming the rule', async () => {
    const t = await startEngine({ at: NY_MORNING })
    await t.engine.publish(callingJourney('eight-calls', 8))
    await t.engine.upsertCases([caseInput('c-1', newYork)])
    await t.engine.ingest([event('invoice.overdue', 'c-1', NY_MORNING)])
    for (let hour = 0; hour <= 8; hour++) await t.engine.advanceTo(NY_MORNING.getTime() + hours(hour))
    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['call-1', 'call-2', 'call-3', 'call-4', 'call-5', 'call-6', 'call-7'])
    const [deferred] = (await entries(t, 'c-1', 'message')).filter((entry) => entry.detail.status === 'deferred')
    expect(deferred).toMatchObject({
      nodeId: 'call-8',
      detail: {
        reason: 'frequency cap: Regulation F §1006.14(b)(2)(i): at most 7 calls in 7 days',
        source: 'Regulation F (US)',
        counted: 7,
        until: '2026-11-30T14:00:00.000Z',
      },
    })
    await t.engine.advanceTo(NY_MORNING.getTime() + days(8))
    const calls = await messages(t, 'c-1')
    expect(calls.map((m) => `${m.node_id} ${iso(m.created_at)}`).slice(6)).toEqual(['call-7 2026-11-23T20:00:00.000Z', 'call-8 2026-11-30T14:00:00.000Z'])
  })

  it('no call within 7 days after a telephone conversation (call.connected); a German debtor is called as planned', async () => {
    const t = await startEngine({ at: NY_MORNING })
    await t.engine.publish(callingJourney('two-calls', 2, { gap: 'P2D' }))
    await t.engine.upsertCases([caseInput('us', newYork), caseInput('de', { debtor: { timezone: 'America/New_York' } })])
    await t.engine.ingest([event('invoice.overdue', 'us', NY_MORNING), event('invoice.overdue', 'de', NY_MORNING)])
    await t.engine.runDue()
    const talked = NY_MORNING.getTime() + hours(1)
    await t.engine.ingest([event('call.connected', 'us', talked), event('call.connected', 'de', talked)])
    await t.engine.advanceTo(NY_MORNING.getTime() + days(10))
    expect((await messages(t, 'de')).map((m) => iso(m.created_at))).toEqual(['2026-11-23T14:00:00.000Z', '2026-11-25T14:00:00.000Z'])
    expect((await messages(t, 'us')).map((m) => iso(m.created_at))).toEqual(['2026-11-23T14:00:00.000Z', '2026-11-30T15:00:00.000Z'])
    const [deferred] = (await entries(t, 'us', 'message')).filter((entry) => entry.detail.status === 'deferred')
    expect(deferred!.detail).toMatchObject({
      reason: 'quiet period: Regulation F §1006.14(b)(2)(ii): no call within 7 days after call.connected (since 2026-11-23T15:00:00.000Z)',
      since: '2026-11-23T15:00:00.000Z',
      until: '2026-11-30T15:00:00.000Z',
    })
  })

  it('contact hours are 08:00–21:00 in the debtor’s local time at the widest, whatever the policy allows elsewhere', async () => {
    const policy = policyOf({ contactHours: { start: '07:00', end: '22:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] } })
    // 07:30 in New York and in a German debtor's own zone on the same morning.
    const t = await startEngine({ at: '2026-11-23T12:30:00Z', policy })
    await t.engine.publish(mailing('one-email'))
    await t.engine.upsertCases([caseInput('us', newYork), caseInput('de', { debtor: { timezone: 'America/New_York' } }), caseInput('us-late', newYork)])
    await t.engine.ingest([
      event('invoice.overdue', 'us', '2026-11-23T12:30:00Z'),
      event('invoice.overdue', 'de', '2026-11-23T12:30:00Z'),
      // 21:30 in New York.
      event('invoice.overdue', 'us-late', '2026-11-24T02:30:00Z'),
    ])
    await t.engine.advanceTo(Date.parse('2026-11-25T00:00:00Z'))
    expect((await messages(t, 'de')).map((m) => iso(m.created_at))).toEqual(['2026-11-23T12:30:00.000Z'])
    expect((await messages(t, 'us')).map((m) => iso(m.created_at))).toEqual(['2026-11-23T13:00:00.000Z'])
    expect((await messages(t, 'us-late')).map((m) => iso(m.created_at))).toEqual(['2026-11-24T13:00:00.000Z'])
    const [deferred] = await entries(t, 'us', 'message')
    expect(String(deferred!.detail.reason)).toBe("outside contact hours (08:00–21:00 mon tue wed thu fri sat sun, no public holidays, debtor's local time)")
  })
})
