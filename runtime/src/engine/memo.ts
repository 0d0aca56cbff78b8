/**
 * Remembers the last results of a pure function of plain-data arguments. Time-zone arithmetic is costly and a batch
 * asks the same question for many cases (same moment, same zone, same rule).
 */
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, capacity = 10_000): (...args: A) => R {
  const cache = new Map<string, R>()
  return (...args: A) => {
    const key = JSON.stringify(args)
    const hit = cache.get(key)
    if (hit !== undefined) return hit
    const value = fn(...args)
    if (cache.size >= capacity) cache.delete(cache.keys().next().value as string)
    cache.set(key, value)
    return value
  }
}
