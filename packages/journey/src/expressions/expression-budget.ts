import type { SourceRange } from './check-expression'
import { type CelNode, childNodes, isBind, isComprehension, receiverCall } from './expression-ast'
import { regularExpressionProblem } from './regular-expression'

/**
 * What one evaluation of a condition or value may cost. CEL has no loops but its macros, so nesting bounds the
 * work by a power of the input sizes; the step budget bounds it by a number whatever the data.
 */
export const expressionBudget = {
  /** exists/all/exists_one/map/filter inside each other. Two levels cover "any invoice with any open line". */
  maxLoopNesting: 2,
  /** cel.bind inside each other: each level can multiply the size of a text or list. */
  maxBindNesting: 3,
  /**
   * Work of all loops of one evaluation together: each element a loop visits costs one step per part of the loop's
   * body (about 0.2 µs each here), so a loop over 1,000 invoices with a 20-part condition costs 21,000.
   */
  maxSteps: 200_000,
  /** Characters of a text, elements of a list or entries of a map that cel.bind may name. */
  maxBoundSize: 100_000,
} as const

export interface BudgetProblem {
  message: string
  range: SourceRange
}

const loopList = 'exists, all, exists_one, map, filter'

/**
 * The limits a validator can see without data: loops and binds nested too deep, and literal patterns of `matches`
 * that RE2 refuses. The message names the node at fault and the limit.
 */
export function expressionBudgetProblems(root: CelNode): BudgetProblem[] {
  const problems: BudgetProblem[] = []
  const visit = (node: CelNode, loops: string[], binds: number): void => {
    const call = receiverCall(node)
    const range = { start: node.start, end: node.end }
    let innerLoops = loops
    let innerBinds = binds
    if (call && isComprehension(node)) {
      innerLoops = [...loops, call.name]
      if (innerLoops.length === expressionBudget.maxLoopNesting + 1) {
        problems.push({
          message: `\`${call.name}(…)\` is a loop inside ${loops.length} other loops (${loops.join(' › ')}): at most ${expressionBudget.maxLoopNesting} loops (${loopList}) may be nested, since each level multiplies the work by the size of a list`,
          range,
        })
      }
    } else if (isBind(node)) {
      innerBinds = binds + 1
      if (innerBinds === expressionBudget.maxBindNesting + 1) {
        problems.push({ message: `\`cel.bind\` is nested ${innerBinds} deep: at most ${expressionBudget.maxBindNesting} may be nested`, range })
      }
    } else if (call?.name === 'matches') {
      const pattern = call.args[0]
      if (pattern?.op === 'value' && typeof pattern.args === 'string') {
        const problem = regularExpressionProblem(pattern.args)
        if (problem) problems.push({ message: `the pattern of \`matches\` ${problem}`, range: { start: pattern.start, end: pattern.end } })
      }
    }
    for (const child of childNodes(node)) visit(child, innerLoops, innerBinds)
  }
  visit(root, [], 0)
  return problems
}
