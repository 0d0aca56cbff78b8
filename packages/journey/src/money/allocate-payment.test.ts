import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocatePayment, reverseAllocation, type AllocatedInstalment } from '@dunwell/journey'

const plan = (): AllocatedInstalment[] => [
  { dueDate: '2027-01-15', amount: 3333, paid: 0 },
  { dueDate: '2026-12-15', amount: 3333, paid: 0 },
  { dueDate: '2027-02-15', amount: 3334, paid: 0 },
]

describe('allocatePayment', () => {
  it('pays the oldest due instalment first, then the next, and keeps an overpayment apart', () => {
    const { instalments, allocations, unallocated } = allocatePayment(plan(), 5000)
    expect(allocations).toEqual([
      { index: 1, amount: 3333 },
      { index: 0, amount: 1667 },
    ])
    expect(instalments.map((i) => i.paid)).toEqual([1667, 3333, 0])
    expect(unallocated).toBe(0)
    expect(allocatePayment(instalments, 6000)).toMatchObject({
      unallocated: 1000,
      allocations: [
        { index: 0, amount: 1666 },
        { index: 2, amount: 3334 },
      ],
    })
  })

  it('a reversal takes back from the latest of the payment’s instalments first', () => {
    const paid = allocatePayment(plan(), 5000)
    const back = reverseAllocation(paid.instalments, paid.allocations, 2000)
    expect(back.reversed).toEqual([
      { index: 0, amount: 1667 },
      { index: 1, amount: 333 },
    ])
    expect(back.instalments.map((i) => i.paid)).toEqual([0, 3000, 0])
    expect(back.remaining).toEqual([{ index: 1, amount: 3000 }])
    expect(reverseAllocation(paid.instalments, paid.allocations, 6000).unreversed).toBe(1000)
  })

  it('never loses or makes a cent: allocations and overpayment add up to the payments, reversals give back what they took', () => {
    const instalment = fc.record({
      dueDate: fc.date({ min: new Date('2026-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      amount: fc.integer({ min: 1, max: 1_000_000 }),
      paid: fc.constant(0),
    })
    fc.assert(
      fc.property(
        fc.array(instalment, { minLength: 1, maxLength: 24 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 2_000_000 })), { maxLength: 10 }),
        (start, payments) => {
          let instalments: AllocatedInstalment[] = start
          const owed = start.reduce((sum, i) => sum + i.amount, 0)
          let held = 0
          for (const [payment, reversal] of payments) {
            const paid = allocatePayment(instalments, payment)
            const allocated = paid.allocations.reduce((sum, a) => sum + a.amount, 0)
            expect(allocated + paid.unallocated).toBe(payment)
            const back = reverseAllocation(paid.instalments, paid.allocations, Math.min(reversal, payment))
            const reversed = back.reversed.reduce((sum, a) => sum + a.amount, 0)
            expect(reversed + back.unreversed).toBe(Math.min(reversal, payment))
            expect(back.remaining.reduce((sum, a) => sum + a.amount, 0)).toBe(allocated - reversed)
            instalments = back.instalments
            held += allocated - reversed
            for (const i of instalments) expect(i.paid >= 0 && i.paid <= i.amount).toBe(true)
          }
          expect(instalments.reduce((sum, i) => sum + i.paid, 0)).toBe(held)
          expect(instalments.reduce((sum, i) => sum + i.amount, 0)).toBe(owed)
        },
      ),
      { seed: 3212, numRuns: 300 },
    )
  })
})
