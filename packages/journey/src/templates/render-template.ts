import { Context, type Liquid, type Template, toValueSync } from 'liquidjs'
import { BudgetEmitter, TemplateBudgetError } from './template-budget'

function budgetErrorOf(error: unknown): TemplateBudgetError | undefined {
  let current = error
  for (let depth = 0; current && depth < 10; depth++) {
    if (current instanceof TemplateBudgetError) return current
    current = (current as { originalError?: unknown }).originalError
  }
  return undefined
}

/** liquidjs's own limits, in the same words as ours. */
function ownLimit(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : ''
  if (message.startsWith('memory alloc limit exceeded')) return 'builds more text or lists in its filters than one message may (the memory limit)'
  if (message.startsWith('template render limit exceeded')) return 'takes longer to render than one message may (the time limit)'
  return undefined
}

/**
 * Renders parsed Liquid synchronously within the template budget (every filter is synchronous). A template over
 * budget throws a TemplateBudgetError naming the limit and where in the template; other errors pass unchanged.
 */
export function renderWithinBudget(engine: Liquid, templates: Template[], scope: object): string {
  const ctx = new Context(scope, engine.options, { sync: true }, { liquid: engine })
  try {
    return toValueSync(engine.renderer.renderTemplates(templates, ctx, new BudgetEmitter(ctx))) as string
  } catch (error) {
    const budget = budgetErrorOf(error)
    const limit = budget?.message ?? ownLimit(error)
    if (!limit) throw error
    const at = /, (line:\d+, col:\d+)/.exec(error instanceof Error ? error.message : '')?.[1]
    throw new TemplateBudgetError(at ? `${limit} (at ${at.replace(':', ' ').replace(', col:', ', column ')})` : limit, { cause: error })
  }
}
