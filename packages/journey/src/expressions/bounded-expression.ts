import { celEnvironment } from './cel-environment'
import { type CelNode, childNodes, isBind, isComprehension, receiverCall } from './expression-ast'
import { expressionBudget } from './expression-budget'
import { matchesRegularExpression } from './regular-expression'

/** An evaluation that went over its budget; the message names the limit, never a value. */
export class ExpressionBudgetError extends Error {
  override readonly name = 'ExpressionBudgetError'
}

const stepsExceeded = `took more than ${expressionBudget.maxSteps.toLocaleString('en')} steps in its loops (exists, all, map, filter: each element costs as many steps as the loop's body has parts), the limit of one evaluation`

// One evaluation runs at a time (it is synchronous): the counter belongs to the one running.
let steps = 0
let exhausted = false
// Thrown on every step after the budget is spent; made once, so that each throw is cheap.
const spent = new ExpressionBudgetError(stepsExceeded)

function step(cost: bigint): boolean {
  if (exhausted) throw spent
  steps += Number(cost)
  if (steps > expressionBudget.maxSteps) {
    exhausted = true
    throw spent
  }
  return true
}

/** The parts of an expression: its nodes. */
function sizeOf(node: CelNode): number {
  return 1 + childNodes(node).reduce((sum, child) => sum + sizeOf(child), 0)
}

function lengthOf(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length
  if (value instanceof Map || value instanceof Set) return value.size
  if (value instanceof Uint8Array) return value.length
  return 0
}

function bounded<T>(value: T): T {
  if (lengthOf(value) > expressionBudget.maxBoundSize) {
    throw new ExpressionBudgetError(`cel.bind names a value of more than ${expressionBudget.maxBoundSize.toLocaleString('en')} characters or elements`)
  }
  return value
}

/**
 * The environment evaluation runs in: the checking one plus the hooks the rewritten text calls. Kept apart so that
 * the names never show in the editor or pass a validation.
 */
const evaluationEnvironment = celEnvironment
  .clone()
  .registerFunction('string.re2Matches(string): bool', matchesRegularExpression)
  .registerFunction('__step(int): bool', step)
  .registerFunction('__bounded(A): A', bounded)

interface Edit {
  at: number
  end: number
  text: string
}

/** The first comma from `from` on, past `//` comments (between two arguments there is nothing else). */
function nextComma(source: string, from: number): number {
  for (let at = from; at < source.length; at++) {
    if (source.startsWith('//', at)) {
      at = source.indexOf('\n', at)
      if (at < 0) return -1
    } else if (source[at] === ',') return at
  }
  return -1
}

/** The argument at `index` of a call, with the brackets and spaces around it, as a source range. */
function argumentRegion(source: string, call: CelNode, args: CelNode[], index: number): { start: number; end: number } {
  const before = args[index - 1]
  const start = before ? nextComma(source, before.end) + 1 : -1
  const after = args[index + 1]
  const end = after ? nextComma(source, args[index]?.end ?? start) : call.end - 1
  if (start <= 0 || end < start || (!after && source[end] !== ')')) throw new Error('cannot place the loop budget in this expression')
  return { start, end }
}

function editsOf(source: string, node: CelNode): Edit[] {
  const call = receiverCall(node)
  if (!call) return []
  if (isComprehension(node)) {
    // Every element a loop visits first pays for its body (the first body, a predicate or transform, runs for
    // each); the body only runs while steps remain.
    const region = argumentRegion(source, node, call.args, 1)
    const cost = 1 + call.args.slice(1).reduce((sum, body) => sum + sizeOf(body), 0)
    return [
      { at: region.start, end: region.start, text: `cel.bind(__budget, __step(${cost}), ` },
      { at: region.end, end: region.end, text: ')' },
    ]
  }
  if (isBind(node)) {
    const region = argumentRegion(source, node, call.args, 1)
    return [
      { at: region.start, end: region.start, text: '__bounded(' },
      { at: region.end, end: region.end, text: ')' },
    ]
  }
  if (call.name === 'matches' && call.args[0]) {
    const between = source.slice(call.receiver.end, call.args[0].start)
    const name = /\.\s*(matches)\s*\((?:\s|\/\/[^\n]*\n)*$/.exec(between)
    if (!name) throw new Error('cannot place the regular expression engine in this expression')
    const at = call.receiver.end + name.index + name[0].indexOf('matches')
    return [{ at, end: at + 'matches'.length, text: 're2Matches' }]
  }
  return []
}

/** The source of `from..to` with each node below rewritten; unchanged text stays as written. */
function rewrite(source: string, from: number, to: number, nodes: CelNode[], own: Edit[]): string {
  const edits = [...own, ...nodes.map((child) => ({ at: child.start, end: child.end, text: rewriteNode(source, child) }))]
  // At one position an insertion (an opening) goes before the node that starts there.
  edits.sort((a, b) => a.at - b.at || a.end - a.at - (b.end - b.at))
  let text = ''
  let cursor = from
  for (const edit of edits) {
    text += source.slice(cursor, edit.at) + edit.text
    cursor = edit.end
  }
  return text + source.slice(cursor, to)
}

function rewriteNode(source: string, node: CelNode): string {
  return rewrite(source, node.start, node.end, childNodes(node), editsOf(source, node))
}

function needsRewrite(node: CelNode): boolean {
  return isComprehension(node) || isBind(node) || receiverCall(node)?.name === 'matches' || childNodes(node).some(needsRewrite)
}

function parseRewritten(text: string): ReturnType<typeof evaluationEnvironment.parse> {
  try {
    return evaluationEnvironment.parse(text)
  } catch {
    // A bug of ours, not of the expression (it parsed as written): say so rather than run it without a budget.
    throw new Error('could not prepare the expression for an evaluation within its budget')
  }
}

export type BoundedExpression = (context: Record<string, unknown>) => unknown

/**
 * Parses a CEL expression for evaluation within its budget: `matches` runs on RE2, every loop element takes a step
 * from a shared budget (an exhausted budget ends every loop at its next element, so the rest is cheap), and
 * `cel.bind` refuses huge values. Throws the library's parse error for a bad expression.
 */
export function compileBoundedExpression(source: string): BoundedExpression {
  const parsed = evaluationEnvironment.parse(source)
  const root = parsed.ast as CelNode
  const evaluate = needsRewrite(root) ? parseRewritten(rewrite(source, 0, source.length, [root], [])) : parsed
  return (context) => {
    steps = 0
    exhausted = false
    try {
      const result = evaluate(context)
      if (exhausted) throw spent
      return result
    } catch (error) {
      // A loop that caught the budget's error may have thrown another one on the way out.
      if (exhausted) throw new ExpressionBudgetError(stepsExceeded)
      throw error
    } finally {
      steps = 0
      exhausted = false
    }
  }
}
