/** Edits (insert, delete, replace, swap of neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = best
    }
  }
  return rows[a.length]![b.length]!
}

/**
 * The candidate a typo most likely meant, or undefined when none is close: at most a third of the word may
 * differ, so `invoice.overdu` finds `invoice.overdue` but `refund` finds nothing.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined
  for (const candidate of candidates) {
    if (candidate === word) return candidate
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance <= Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3)) && (!best || distance < best.distance)) {
      best = { name: candidate, distance }
    }
  }
  return best?.name
}
