import { celEnvironment } from './cel-environment'
import { expressionBudgetProblems } from './expression-budget'
import { explainCelError } from './explain-cel-error'

/** Where in the source the fault lies, as offsets (end exclusive); absent when the whole expression is at fault. */
export interface SourceRange {
  start: number
  end: number
}

/** `overBudget`: valid CEL beyond what one evaluation may cost (loops nested too deep, a pattern RE2 refuses). */
export type ExpressionCheck = { ok: true } | { ok: false; message: string; range?: SourceRange; overBudget?: true }

/** The first line of a CEL error, without the source excerpt the library appends. */
export function celErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]?.trim() || 'invalid expression'
}

/** Parses and type-checks a condition without evaluating it; it must give true or false. */
export function checkCondition(source: string): ExpressionCheck {
  try {
    const result = celEnvironment.check(source)
    if (!result.valid) return failure(result.error, source, 'condition')
    if (result.type !== 'bool' && result.type !== 'dyn') {
      return { ok: false, message: `must be true or false, but gives a ${result.type}` }
    }
    return withinBudget(source)
  } catch (error) {
    return failure(error, source, 'condition')
  }
}

/** Parses and type-checks an expression whose value is stored (e.g. a case attribute). */
export function checkValueExpression(source: string): ExpressionCheck {
  try {
    const result = celEnvironment.check(source)
    return result.valid ? withinBudget(source) : failure(result.error, source, 'value')
  } catch (error) {
    return failure(error, source, 'value')
  }
}

/** A valid expression that could still run too long: loops nested too deep, a pattern RE2 refuses. */
function withinBudget(source: string): ExpressionCheck {
  const [problem] = expressionBudgetProblems(celEnvironment.parse(source).ast)
  return problem ? { ok: false, message: `\`${source}\`: ${problem.message}`, range: problem.range, overBudget: true } : { ok: true }
}

function failure(error: unknown, source: string, what: string): ExpressionCheck {
  const range = errorRange(error, source.length)
  return { ok: false, message: `\`${source}\`: ${explainCelError(celErrorMessage(error), source, range, what)}`, ...(range ? { range } : {}) }
}

/** The library's CelError carries the offsets of the node at fault. */
function errorRange(error: unknown, length: number): SourceRange | undefined {
  const range = (error as { range?: unknown } | null)?.range as Partial<SourceRange> | undefined
  if (typeof range?.start !== 'number' || typeof range.end !== 'number') return undefined
  const start = Math.min(Math.max(range.start, 0), length)
  return { start, end: Math.min(Math.max(range.end, start), length) }
}
