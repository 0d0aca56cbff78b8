import { celEnvironment, celErrorMessage } from '@dunwell/journey'

type Evaluator = (context: Record<string, unknown>) => unknown
const cache = new Map<string, Evaluator>()

/** Evaluates a CEL expression, parsed once per distinct text. Throws with a readable message. */
export function evaluateExpression(source: string, context: Record<string, unknown>): unknown {
  let evaluator = cache.get(source)
  if (!evaluator) {
    const parsed = celEnvironment.parse(source) as unknown as Evaluator
    evaluator = (ctx) => parsed(ctx)
    if (cache.size > 10_000) cache.clear()
    cache.set(source, evaluator)
  }
  try {
    return evaluator(context)
  } catch (error) {
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
