/** An instalment (a promise is one) with what has been paid of it, in minor units. */
export interface AllocatedInstalment {
  dueDate: string
  amount: number
  paid: number
}

/** How much of a payment went to instalment `index`. */
export interface Allocation {
  index: number
  amount: number
}

const byDueDate = (instalments: AllocatedInstalment[]) =>
  instalments
    .map((instalment, index) => ({ instalment, index }))
    .sort((a, b) => (a.instalment.dueDate < b.instalment.dueDate ? -1 : a.instalment.dueDate > b.instalment.dueDate ? 1 : a.index - b.index))

/**
 * Spreads a payment (minor units) over the instalments still open, the oldest due first; what is left over (an
 * overpayment) is `unallocated`. Allocations plus unallocated are always the payment: no cent is lost or made.
 */
export function allocatePayment(
  instalments: AllocatedInstalment[],
  amount: number,
): { instalments: AllocatedInstalment[]; allocations: Allocation[]; unallocated: number } {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('a payment is a whole number of minor units, not negative')
  const next = instalments.map((instalment) => ({ ...instalment }))
  const allocations: Allocation[] = []
  let left = amount
  for (const { index } of byDueDate(next)) {
    if (left === 0) break
    const instalment = next[index]!
    const share = Math.min(left, Math.max(0, instalment.amount - instalment.paid))
    if (share === 0) continue
    instalment.paid += share
    left -= share
    allocations.push({ index, amount: share })
  }
  return { instalments: next, allocations, unallocated: left }
}

/**
 * Takes back `amount` (minor units) of a payment that had `allocations`, from its latest-due instalment first (a
 * partial reversal leaves the oldest paid). `unreversed` is the part the allocations did not hold (it was unallocated).
 */
export function reverseAllocation(
  instalments: AllocatedInstalment[],
  allocations: Allocation[],
  amount: number,
): { instalments: AllocatedInstalment[]; reversed: Allocation[]; remaining: Allocation[]; unreversed: number } {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('a reversal is a whole number of minor units, not negative')
  const next = instalments.map((instalment) => ({ ...instalment }))
  const remaining = allocations.map((allocation) => ({ ...allocation }))
  const reversed: Allocation[] = []
  let left = amount
  const latestFirst = remaining
    .map((allocation, position) => ({ allocation, position }))
    .sort((a, b) => {
      const da = next[a.allocation.index]!.dueDate
      const db = next[b.allocation.index]!.dueDate
      return da < db ? 1 : da > db ? -1 : b.allocation.index - a.allocation.index
    })
  for (const { allocation } of latestFirst) {
    if (left === 0) break
    const instalment = next[allocation.index]!
    const share = Math.min(left, allocation.amount, instalment.paid)
    if (share === 0) continue
    instalment.paid -= share
    allocation.amount -= share
    left -= share
    reversed.push({ index: allocation.index, amount: share })
  }
  return { instalments: next, reversed, remaining: remaining.filter((a) => a.amount > 0), unreversed: left }
}
