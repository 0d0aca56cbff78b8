import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkPlan, checkPromise, instalmentSchedule, planCounts, planRulesSchema, proposePlan, type PlanRules } from '@dunwell/journey'

const rules: PlanRules = {
  minInstalment: 20,
  maxCount: 6,
  intervals: ['P1M', 'P2W'],
  bands: [
    { upTo: 1000, maxCount: 12, minInstalment: 50 },
    { upTo: 100, maxCount: 3, minInstalment: 10 },
  ],
}

describe('plan rules', () => {
  it('the band a balance falls in sets the limits: 89.90 € in at most 3 instalments of at least 10 €', () => {
    expect(checkPlan(rules, { balance: 8990, count: 3, interval: 'P1M' }, 2)).toEqual([])
    expect(checkPlan(rules, { balance: 8990, count: 4, interval: 'P1M' }, 2)).toEqual([{ code: 'too-many-instalments', limit: 3 }])
    expect(planCounts(rules, 8990, 2)).toEqual([1, 2, 3])
  })

  it('above every band the rules’ own limits hold, and a weekly plan is refused when only monthly and fortnightly are allowed', () => {
    expect(checkPlan(rules, { balance: 500_000, count: 7, interval: 'P1W' }, 2)).toEqual([
      { code: 'interval-not-allowed', allowed: ['P1M', 'P2W'] },
      { code: 'too-many-instalments', limit: 6 },
    ])
  })

  it('an instalment below the minimum is refused, a single one paying everything is not', () => {
    expect(checkPlan(rules, { balance: 15_000, count: 4, interval: 'P1M' }, 2)).toEqual([{ code: 'instalment-below-minimum', limit: 5000 }])
    expect(checkPlan(rules, { balance: 500, count: 1, interval: 'P1M' }, 2)).toEqual([])
    // Yen have no minor units: 20 ¥ is 20.
    expect(checkPlan({ minInstalment: 20, maxCount: 6, intervals: ['P1M'] }, { balance: 100, count: 6, interval: 'P1M' }, 0)).toEqual([
      { code: 'instalment-below-minimum', limit: 20 },
    ])
  })

  it('proposes the schedule the rules allow, and only that', () => {
    expect(proposePlan(rules, { balance: 8990, count: 3, interval: 'P1M', firstDate: '2027-01-31' }, 2)).toEqual({
      ok: true,
      schedule: [
        { dueDate: '2027-01-31', amount: 2996 },
        { dueDate: '2027-02-28', amount: 2996 },
        { dueDate: '2027-03-31', amount: 2998 },
      ],
    })
    expect(proposePlan(rules, { balance: 8990, count: 3, interval: 'P1W', firstDate: '2027-01-31' }, 2)).toEqual({
      ok: false,
      problems: [{ code: 'interval-not-allowed', allowed: ['P1M', 'P2W'] }],
    })
  })

  it('the schema names what is wrong', () => {
    const result = planRulesSchema.safeParse({ minInstalment: -1, maxCount: 2.5, intervals: ['P3D'] })
    expect(result.success).toBe(false)
    expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'minInstalment: must be more than 0',
      'maxCount: must be a whole number',
      'intervals.0: must be one of P1W, P2W, P1M',
    ])
  })

  it('every plan the rules allow has each instalment at or above the minimum (unless it is a single one)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (balance) => {
        for (const count of planCounts(rules, balance, 2)) {
          const schedule = instalmentSchedule({ balance, count, interval: 'P1M', firstDate: '2026-12-01' })
          const minimum = balance <= 10_000 ? 1000 : balance <= 100_000 ? 5000 : 2000
          if (count > 1) for (const instalment of schedule) expect(instalment.amount).toBeGreaterThanOrEqual(minimum)
        }
      }),
      { seed: 2212, numRuns: 300 },
    )
  })
})

describe('promise rules', () => {
  it('a date within the window and an amount up to the balance are accepted', () => {
    expect(checkPromise({ maxDays: 14 }, { date: '2026-12-18', today: '2026-12-04', amount: 8990, balance: 8990 })).toEqual([])
  })

  it('a date past the window or before today, and an amount above the balance or of nothing, are refused', () => {
    expect(checkPromise({ maxDays: 14 }, { date: '2026-12-19', today: '2026-12-04', amount: 9000, balance: 8990 })).toEqual([
      { code: 'date-beyond-window', limit: 14 },
      { code: 'amount-above-balance', limit: 8990 },
    ])
    expect(checkPromise({ maxDays: 14 }, { date: '2026-12-03', today: '2026-12-04', amount: 0, balance: 8990 })).toEqual([
      { code: 'date-in-past' },
      { code: 'amount-not-positive' },
    ])
  })
})
