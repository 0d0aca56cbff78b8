import { type BoundedExpression, celErrorMessage, compileBoundedExpression, ExpressionBudgetError } from '@dunwell/journey'

const cache = new Map<string, BoundedExpression>()

/**
 * Evaluates a CEL expression, parsed once per distinct text, within its budget (RE2 for `matches`, a step limit for
 * loops). Throws with a readable message that names the limit, never a value of the case.
 */
export function evaluateExpression(source: string, context: Record<string, unknown>): unknown {
  let evaluator = cache.get(source)
  if (!evaluator) {
    evaluator = compileBoundedExpression(source)
    if (cache.size > 10_000) cache.clear()
    cache.set(source, evaluator)
  }
  try {
    return evaluator(context)
  } catch (error) {
    if (error instanceof ExpressionBudgetError) throw new Error(`over budget: ${error.message}`)
    throw new Error(celErrorMessage(error))
  }
}

/** CEL values (BigInt ints, Maps) to plain JSON values for storage. */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, inner]) => [String(key), toJsonValue(inner)]))
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJsonValue(inner)]))
  return value
}
