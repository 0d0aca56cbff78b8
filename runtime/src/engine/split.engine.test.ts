import { describe, expect, it } from 'vitest'
import { caseInput, days, enrol, enrolments, entries, journey, MONDAY, overdue, startEngine, type TestEngine } from './testing'

/** entry → split (weights) → one exit per variant, named after it. */
const splitJourney = (weights: { a: number; b: number }, id = 'ab') =>
  journey({
    id,
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      tone: [
        'split',
        {
          variants: [
            { id: 'a', label: 'Friendly', weight: weights.a },
            { id: 'b', label: 'Control', weight: weights.b, control: true },
          ],
        },
      ],
      'got-a': ['exit', { outcome: 'variant-a' }],
      'got-b': ['exit', { outcome: 'variant-b' }],
    },
    edges: ['start>tone', 'tone:a>got-a', 'tone:b>got-b'],
  })

async function assignments(t: TestEngine): Promise<Map<string, string>> {
  const rows = await t.db.selectFrom('split_assignments').select(['case_id', 'variant']).where('journey_id', '=', 'ab').where('node_id', '=', 'tone').execute()
  return new Map(rows.map((row) => [row.case_id, row.variant]))
}

describe('A/B split', () => {
  it('is deterministic: the same cases land in the same variants in two separate databases, roughly by weight', async () => {
    const cases = Array.from({ length: 2000 }, (_, index) => caseInput(`case-${String(index).padStart(4, '0')}`))
    const first = await startEngine()
    const second = await startEngine()
    await enrol(first, splitJourney({ a: 70, b: 30 }), cases)
    await enrol(second, splitJourney({ a: 70, b: 30 }), [...cases].reverse())

    const one = await assignments(first)
    const two = await assignments(second)
    expect(one.size).toBe(2000)
    expect(two).toEqual(one)
    const shareA = [...one.values()].filter((variant) => variant === 'a').length / one.size
    expect(shareA).toBeGreaterThan(0.66)
    expect(shareA).toBeLessThan(0.74)

    // The path follows the assignment.
    const outcomes = await first.db.selectFrom('enrolments').select(['case_id', 'outcome']).execute()
    for (const { case_id, outcome } of outcomes) expect(outcome).toBe(`variant-${one.get(case_id)}`)
  })

  it('is sticky: a case that comes back gets the variant it had, even after the weights changed', async () => {
    const t = await startEngine()
    const ids = Array.from({ length: 40 }, (_, index) => `c-${index}`)
    await enrol(
      t,
      splitJourney({ a: 50, b: 50 }),
      ids.map((id) => caseInput(id)),
    )
    const before = await assignments(t)
    expect(new Set(before.values())).toEqual(new Set(['a', 'b']))

    // Version 2 sends everyone new to B; the cases already assigned keep their variant.
    await t.engine.publish(splitJourney({ a: 0, b: 100 }))
    await t.engine.upsertCases([caseInput('newcomer')])
    await t.engine.ingest([...ids, 'newcomer'].map((id) => overdue(id, new Date(MONDAY.getTime() + days(1)))))
    await t.engine.advanceTo(MONDAY.getTime() + days(1))

    const after = await assignments(t)
    for (const id of ids) {
      const [, second] = await enrolments(t, id)
      expect(second).toMatchObject({ version: 2, outcome: `variant-${before.get(id)}` })
      expect(after.get(id)).toBe(before.get(id))
    }
    expect(after.get('newcomer')).toBe('b')
    expect(await t.db.selectFrom('split_assignments').selectAll().execute()).toHaveLength(41)
  })

  it('a weight of 0 assigns nobody to that variant', async () => {
    const t = await startEngine()
    await enrol(
      t,
      splitJourney({ a: 0, b: 100 }),
      Array.from({ length: 200 }, (_, index) => caseInput(`c-${index}`)),
    )
    expect(new Set((await assignments(t)).values())).toEqual(new Set(['b']))
  })

  it('the audit trail names the variant and its label', async () => {
    const t = await startEngine()
    await enrol(t, splitJourney({ a: 50, b: 50 }), [caseInput('c-1')])
    const variant = (await assignments(t)).get('c-1')!
    const [decided] = await entries(t, 'c-1', 'decided')
    expect(decided).toMatchObject({ nodeId: 'tone', detail: { outcome: variant, label: variant === 'a' ? 'Friendly' : 'Control' } })
  })

  it('records an assignment only for cases that reached the split', async () => {
    const t = await startEngine()
    // Large debts wait; only the rest are split. A partial payment later makes this case "the rest" on paper.
    const spec = journey({
      id: 'ab',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        triage: ['segment', { branches: [{ id: 'large', label: 'Large', when: 'case.balance >= 50.0' }] }],
        pause: ['wait', { for: 'P3D' }],
        done: ['exit', { outcome: 'done' }],
        tone: [
          'split',
          {
            variants: [
              { id: 'a', label: 'A', weight: 50 },
              { id: 'b', label: 'B', weight: 50 },
            ],
          },
        ],
        'got-a': ['exit', { outcome: 'variant-a' }],
        'got-b': ['exit', { outcome: 'variant-b' }],
      },
      edges: ['start>triage', 'triage:large>pause', 'triage:else>tone', 'pause>done', 'tone:a>got-a', 'tone:b>got-b'],
    })
    await enrol(t, spec, [caseInput('c-1')])
    await t.engine.ingest([
      { id: 'part', type: 'payment.received', caseId: 'c-1', at: new Date(MONDAY.getTime() + days(1)).toISOString(), data: { amount: 60 } },
    ])
    await t.engine.advanceTo(MONDAY.getTime() + days(5))

    expect(await enrolments(t, 'c-1')).toMatchObject([{ status: 'done', outcome: 'done' }])
    expect((await entries(t, 'c-1', 'entered')).map((entry) => entry.nodeId)).not.toContain('tone')
    expect(await t.db.selectFrom('split_assignments').selectAll().execute()).toEqual([])
  })
})
