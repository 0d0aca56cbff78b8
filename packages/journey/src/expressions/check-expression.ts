import { celEnvironment } from './cel-environment'

export type ExpressionCheck = { ok: true } | { ok: false; message: string }

/** The first line of a CEL error, without the source excerpt the library appends. */
export function celErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]?.trim() || 'invalid expression'
}

/** Parses and type-checks a condition without evaluating it; it must give true or false. */
export function checkCondition(source: string): ExpressionCheck {
  try {
    const result = celEnvironment.check(source)
    if (!result.valid) return { ok: false, message: explain(celErrorMessage(result.error), source) }
    if (result.type !== 'bool' && result.type !== 'dyn') {
      return { ok: false, message: `must be true or false, but gives a ${result.type}` }
    }
    return { ok: true }
  } catch (error) {
    return { ok: false, message: explain(celErrorMessage(error), source) }
  }
}

/** Parses and type-checks an expression whose value is stored (e.g. a case attribute). */
export function checkValueExpression(source: string): ExpressionCheck {
  try {
    const result = celEnvironment.check(source)
    return result.valid ? { ok: true } : { ok: false, message: explain(celErrorMessage(result.error), source) }
  } catch (error) {
    return { ok: false, message: explain(celErrorMessage(error), source) }
  }
}

function explain(message: string, source: string): string {
  const unknownKey = /^No such key: (\S+)/.exec(message)
  if (unknownKey) return `\`${source}\`: unknown field ${unknownKey[1]}`
  const unknownVariable = /^Unknown variable: (\S+)/.exec(message)
  if (unknownVariable) return `\`${source}\`: unknown variable ${unknownVariable[1]} (use case, debtor or event)`
  const mixed = /^no such overload: (double|int) (\S+) (double|int)$/.exec(message)
  if (mixed && mixed[1] !== mixed[3]) {
    const whole = /(?<![\d.])(\d+)(?![\d.])/.exec(source)?.[1] ?? '1'
    return `\`${source}\`: mixes a decimal number with a whole number in ${mixed[2]}; write ${whole}.0 instead of ${whole}`
  }
  return `\`${source}\`: ${message}`
}
