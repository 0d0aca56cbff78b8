/**
 * A lookup table keyed by what senders write (event types, provider names): without a prototype, so that `constructor`
 * or `__proto__` finds nothing instead of `Object.prototype`'s members.
 */
export function ownRecord<T>(entries: Record<string, T>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries))
}
