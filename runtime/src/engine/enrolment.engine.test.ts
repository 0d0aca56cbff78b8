import { describe, expect, it } from 'vitest'
import { timeline } from '../index'
import { caseInput, days, enrol, enrolments, entries, journey, MONDAY, overdue, startEngine, theEnrolment } from './testing'

/** entry (with the given rules) → wait 2 days → exit. */
const shortJourney = (entry: Record<string, unknown>) =>
  journey({
    id: 'short',
    nodes: { start: ['entry', { event: 'invoice.overdue', ...entry }], pause: ['wait', { for: 'P2D' }], done: ['exit', { outcome: 'no-response' }] },
    edges: ['start>pause', 'pause>done'],
  })

const at = (day: number) => new Date(MONDAY.getTime() + days(day))

async function refusals(t: Parameters<typeof entries>[0], caseId: string) {
  return (await entries(t, caseId, 'not-enrolled')).map((entry) => entry.detail.reason)
}

describe('entry filter', () => {
  it('a case the filter rejects is not enrolled, with the filter as the reason', async () => {
    const t = await startEngine()
    await enrol(t, shortJourney({ filter: 'case.daysPastDue >= 30 && case.balance > 0' }), [caseInput('fresh'), caseInput('old', { dueDate: '2026-10-01' })])
    expect(await enrolments(t, 'fresh')).toEqual([])
    expect(await entries(t, 'fresh', 'not-enrolled')).toEqual([
      {
        at: MONDAY.toISOString(),
        kind: 'not-enrolled',
        enrolmentId: null,
        nodeId: null,
        detail: { journey: 'short', version: 1, reason: 'filter is false: case.daysPastDue >= 30 && case.balance > 0' },
      },
    ])
    expect(await theEnrolment(t, 'old')).toMatchObject({ status: 'active', node: 'pause' })
    expect(await entries(t, 'old', 'enrolled')).toMatchObject([{ detail: { journey: 'short', version: 1, trigger: 'invoice.overdue' } }])
  })

  it('a filter that cannot be evaluated for a case refuses it and says why', async () => {
    const t = await startEngine()
    await enrol(t, shortJourney({ filter: 'debtor.age >= 18' }), [caseInput('no-birth-date', { without: ['birthDate'] })])
    const [reason] = await refusals(t, 'no-birth-date')
    expect(String(reason)).toMatch(/^filter could not be evaluated: /)
  })

  it('other events do not enrol', async () => {
    const t = await startEngine()
    await t.engine.publish(shortJourney({}))
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([{ id: 'p', type: 'promise.made', caseId: 'c-1', data: {} }])
    await t.engine.runDue()
    expect(await enrolments(t, 'c-1')).toEqual([])
  })
})

describe('re-entry', () => {
  it('after-exit (the default): not while enrolled; again once the enrolment ended', async () => {
    const t = await startEngine()
    await enrol(t, shortJourney({}), [caseInput('c-1')])
    await t.engine.ingest([overdue('c-1', at(1)), overdue('c-1', at(3))])
    await t.engine.advanceTo(at(4))
    expect(await refusals(t, 'c-1')).toEqual(['already in this journey'])
    expect((await enrolments(t, 'c-1')).map((e) => [e.id, e.status])).toEqual([
      ['short/c-1/1', 'done'],
      ['short/c-1/2', 'active'],
    ])
  })

  it('never: a case that was in the journey once is never enrolled again', async () => {
    const t = await startEngine()
    await enrol(t, shortJourney({ reentry: 'never' }), [caseInput('c-1')])
    await t.engine.ingest([overdue('c-1', at(10))])
    await t.engine.advanceTo(at(11))
    expect(await refusals(t, 'c-1')).toEqual(['this journey enrols a case only once'])
    expect(await enrolments(t, 'c-1')).toHaveLength(1)
  })

  it('cooldown: not within P30D of the last exit, again after it', async () => {
    const t = await startEngine()
    await enrol(t, shortJourney({ reentry: 'after-exit', cooldown: 'P30D' }), [caseInput('c-1')])
    // Exited on day 2: day 20 is too soon, day 33 is not.
    await t.engine.ingest([overdue('c-1', at(20)), overdue('c-1', at(33))])
    await t.engine.advanceTo(at(34))
    expect(await refusals(t, 'c-1')).toEqual(['left this journey less than P30D ago'])
    expect((await enrolments(t, 'c-1')).map((e) => [e.id, e.entered_at])).toEqual([
      ['short/c-1/1', MONDAY.getTime()],
      ['short/c-1/2', at(33).getTime()],
    ])
  })

  it('a paid case enters again on its next overdue invoice', async () => {
    const t = await startEngine()
    await enrol(t, shortJourney({ filter: 'case.balance > 0' }), [caseInput('c-1')])
    await t.engine.ingest([{ id: 'pay', type: 'payment.received', caseId: 'c-1', at: at(1).toISOString(), data: { amount: 100 } }])
    await t.engine.advanceTo(at(1))
    await t.engine.upsertCases([caseInput('c-1', { amountDue: 50, balance: 50 })])
    await t.engine.ingest([overdue('c-1', at(5))])
    await t.engine.advanceTo(at(5))
    expect((await enrolments(t, 'c-1')).map((e) => [e.status, e.outcome])).toEqual([
      ['done', 'paid'],
      ['active', null],
    ])
  })
})

describe('the audit trail explains decisions', () => {
  const segmented = () =>
    journey({
      id: 'segmented',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        pause: ['wait', { for: 'P1D' }],
        tier: [
          'segment',
          {
            branches: [
              { id: 'big', label: 'Large debt', when: 'case.amountDue >= 500.0' },
              { id: 'young', label: 'Under 26', when: 'debtor.age < 26' },
            ],
          },
        ],
        big: ['exit', { outcome: 'handed-over' }],
        young: ['exit', { outcome: 'young' }],
        rest: ['exit', { outcome: 'other' }],
      },
      edges: ['start>pause', 'pause>tier', 'tier:big>big', 'tier:young>young', 'tier:else>rest'],
    })

  it('a segment records the branch taken, its label, and each condition it tried with its result', async () => {
    const t = await startEngine()
    await enrol(t, segmented(), [caseInput('c-1', { debtor: { birthDate: '2004-06-01' } }), caseInput('c-2')])
    await t.engine.advanceTo(at(2))
    const [young] = await entries(t, 'c-1', 'decided')
    expect(young).toEqual({
      at: at(1).toISOString(),
      kind: 'decided',
      enrolmentId: 'segmented/c-1/1',
      nodeId: 'tier',
      detail: {
        outcome: 'young',
        label: 'Under 26',
        conditions: [
          { expr: 'case.amountDue >= 500.0', outcome: 'big', result: false },
          { expr: 'debtor.age < 26', outcome: 'young', result: true },
        ],
      },
    })
    const [other] = await entries(t, 'c-2', 'decided')
    expect(other!.detail).toEqual({
      outcome: 'else',
      label: 'else',
      conditions: [
        { expr: 'case.amountDue >= 500.0', outcome: 'big', result: false },
        { expr: 'debtor.age < 26', outcome: 'young', result: false },
      ],
    })
  })

  it('a condition that fails to evaluate is recorded with its error and counts as false', async () => {
    const t = await startEngine()
    await enrol(t, segmented(), [caseInput('c-1', { without: ['birthDate'] })])
    await t.engine.advanceTo(at(2))
    const [decided] = await entries(t, 'c-1', 'decided')
    expect(decided!.detail.outcome).toBe('else')
    const conditions = decided!.detail.conditions as { expr: string; result: boolean; error?: string }[]
    expect(conditions[1]).toMatchObject({ expr: 'debtor.age < 26', result: false, error: expect.any(String) })
  })

  it('the live trail keeps no values the conditions read (case data; only a test run shows them)', async () => {
    const t = await startEngine()
    await enrol(t, segmented(), [caseInput('c-1', { debtor: { birthDate: '2004-06-01' } })])
    await t.engine.advanceTo(at(2))
    const [decided] = await entries(t, 'c-1', 'decided')
    for (const condition of decided!.detail.conditions as object[]) expect(condition).not.toHaveProperty('values')
  })

  it('a segment right after the entry records each condition once', async () => {
    const t = await startEngine()
    const spec = journey({
      id: 'first-segment',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        amount: ['segment', { branches: [{ id: 'small', label: 'Small', when: 'case.amountDue < 200.0' }] }],
        small: ['exit', { outcome: 'small' }],
        large: ['exit', { outcome: 'large' }],
      },
      edges: ['start>amount', 'amount:small>small', 'amount:else>large'],
    })
    await enrol(t, spec, [caseInput('c-1')])
    const [decided] = await entries(t, 'c-1', 'decided')
    expect(decided!.detail.conditions).toEqual([{ expr: 'case.amountDue < 200.0', outcome: 'small', result: true }])
  })

  it('two segments in a row each record only their own conditions', async () => {
    const t = await startEngine()
    const spec = journey({
      id: 'two-segments',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        amount: ['segment', { branches: [{ id: 'small', label: 'Small', when: 'case.amountDue < 200.0' }] }],
        country: ['segment', { branches: [{ id: 'de', label: 'Germany', when: 'debtor.country == "DE"' }] }],
        done: ['exit', { outcome: 'done' }],
      },
      edges: ['start>amount', 'amount:small>country', 'amount:else>country', 'country:de>done', 'country:else>done'],
    })
    await enrol(t, spec, [caseInput('c-1')])
    const decided = await entries(t, 'c-1', 'decided')
    expect(decided.map((entry) => [entry.nodeId, entry.detail.outcome, entry.detail.conditions])).toEqual([
      ['amount', 'small', [{ expr: 'case.amountDue < 200.0', outcome: 'small', result: true }]],
      ['country', 'de', [{ expr: 'debtor.country == "DE"', outcome: 'de', result: true }]],
    ])
  })

  it('a wait for an event records only its own condition, not the conditions of nodes the case passed long ago', async () => {
    const t = await startEngine()
    const spec = journey({
      id: 'segment-then-promise',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        amount: ['segment', { branches: [{ id: 'small', label: 'Small', when: 'case.amountDue < 200.0' }] }],
        promise: ['wait', { event: 'promise.made', when: 'event.data.amount > 0', timeout: 'P7D' }],
        promised: ['exit', { outcome: 'promised' }],
        silent: ['exit', { outcome: 'no-response' }],
      },
      edges: ['start>amount', 'amount:small>promise', 'amount:else>promise', 'promise:event>promised', 'promise:timeout>silent'],
    })
    await enrol(t, spec, [caseInput('c-1')])
    await t.engine.ingest([{ id: 'p', type: 'promise.made', caseId: 'c-1', at: at(1).toISOString(), data: { amount: 20 } }])
    await t.engine.advanceTo(at(2))
    const decided = (await entries(t, 'c-1', 'decided')).find((entry) => entry.nodeId === 'promise')
    expect(decided!.detail.conditions).toEqual([{ expr: 'event.data.amount > 0', outcome: 'event', result: true }])
  })

  it('the whole story of a case reads in order: event, enrolment, nodes, wait, decision, exit', async () => {
    const t = await startEngine()
    await enrol(t, segmented(), [caseInput('c-1')])
    await t.engine.advanceTo(at(2))
    expect((await timeline(t.db, 'c-1')).map((entry) => `${entry.kind}${entry.nodeId ? ` ${entry.nodeId}` : ''}`)).toEqual([
      'event',
      'enrolled',
      'entered start',
      'entered pause',
      'waiting pause',
      'entered tier',
      'decided tier',
      'entered rest',
      'exited rest',
    ])
  })
})
