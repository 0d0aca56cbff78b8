import { createHash } from 'node:crypto'

/**
 * The variant of a split for a case: a hash of (case, journey, node) read as a point in [0, 100) and placed on the
 * cumulative weights. Deterministic, so a case lands in the same variant whenever it is asked.
 */
export function assignVariant(caseId: string, journeyId: string, nodeId: string, variants: { id: string; weight: number }[]): string {
  const digest = createHash('sha256').update(`${caseId}\u0000${journeyId}\u0000${nodeId}`).digest()
  const point = (digest.readUInt32BE(0) / 2 ** 32) * 100
  let cumulative = 0
  for (const variant of variants) {
    cumulative += variant.weight
    if (point < cumulative) return variant.id
  }
  return variants.findLast((variant) => variant.weight > 0)?.id ?? variants[variants.length - 1]!.id
}
