import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { instalmentSchedule, planIntervals } from '@dunwell/journey'

describe('instalmentSchedule', () => {
  it('splits 100.00 in three: 33.33, 33.33 and the last one 33.34', () => {
    expect(instalmentSchedule({ balance: 10_000, count: 3, interval: 'P1M', firstDate: '2026-12-15' })).toEqual([
      { dueDate: '2026-12-15', amount: 3333 },
      { dueDate: '2027-01-15', amount: 3333 },
      { dueDate: '2027-02-15', amount: 3334 },
    ])
  })

  it('keeps the end of the month from the first date: 31 January → 29 February → 31 March (leap year)', () => {
    const dates = instalmentSchedule({ balance: 300, count: 4, interval: 'P1M', firstDate: '2028-01-31' }).map((i) => i.dueDate)
    expect(dates).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30'])
    expect(instalmentSchedule({ balance: 300, count: 2, interval: 'P1M', firstDate: '2027-01-31' })[1]!.dueDate).toBe('2027-02-28')
  })

  it('counts weeks and fortnights in days, across the turn of the year', () => {
    expect(instalmentSchedule({ balance: 300, count: 3, interval: 'P2W', firstDate: '2026-12-24' }).map((i) => i.dueDate)).toEqual([
      '2026-12-24',
      '2027-01-07',
      '2027-01-21',
    ])
    expect(instalmentSchedule({ balance: 300, count: 2, interval: 'P1W', firstDate: '2026-12-28' })[1]!.dueDate).toBe('2027-01-04')
  })

  it('refuses a balance that is not whole minor units, and a count below one', () => {
    expect(() => instalmentSchedule({ balance: 10.5, count: 2, interval: 'P1M', firstDate: '2026-12-15' })).toThrow(/minor units/)
    expect(() => instalmentSchedule({ balance: 100, count: 0, interval: 'P1M', firstDate: '2026-12-15' })).toThrow(/count/)
    expect(() => instalmentSchedule({ balance: 100, count: 2, interval: 'P1M', firstDate: '2026-02-30' })).toThrow(/not a date/)
  })

  it('always sums to the balance, with dates in order and only the last instalment larger', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(...planIntervals),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        (balance, count, interval, first) => {
          const schedule = instalmentSchedule({ balance, count, interval, firstDate: first.toISOString().slice(0, 10) })
          expect(schedule).toHaveLength(count)
          expect(schedule.reduce((sum, i) => sum + i.amount, 0)).toBe(balance)
          for (const [index, instalment] of schedule.entries()) {
            expect(Number.isInteger(instalment.amount)).toBe(true)
            if (index > 0) expect(instalment.dueDate > schedule[index - 1]!.dueDate).toBe(true)
            if (index < count - 1) expect(instalment.amount).toBe(schedule[0]!.amount)
          }
          expect(schedule.at(-1)!.amount - schedule[0]!.amount).toBeLessThan(count)
        },
      ),
      { seed: 1212, numRuns: 400 },
    )
  })
})
