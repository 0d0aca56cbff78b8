import { CaptureTag, type Context, type Emitter, evalToken, ForTag, type Liquid, TablerowTag, type Template, type Token } from 'liquidjs'

/**
 * What one message may cost to render, whatever its template and data. liquidjs's own `memoryLimit` counts what
 * filters allocate but not what `{% capture %}` or plain output writes, so a capture that doubles a string in a
 * loop escapes it (liquidjs plans an output-length limit for its next major version, harttle/liquidjs#937). Here every
 * character written, into the message or into a capture, is counted against one budget per render, and every
 * element a loop is given counts as a round.
 */
export const templateBudget = {
  /** Characters written by one render: the message and every `{% capture %}` together. */
  maxOutputCharacters: 500_000,
  /** Rounds of all `{% for %}` and `{% tablerow %}` loops of one render together, nested loops included. */
  maxLoopRounds: 10_000,
} as const

/** A render over its budget; the message names the limit, never a value. */
export class TemplateBudgetError extends Error {
  override readonly name = 'TemplateBudgetError'
}

const number = (value: number) => value.toLocaleString('en')

export const outputExceeded = `renders more than ${number(templateBudget.maxOutputCharacters)} characters, the limit of one message (a loop or {% capture %} builds too much text)`
export const loopsExceeded = `repeats its loops more than ${number(templateBudget.maxLoopRounds)} times, the limit of one message`

interface RenderBudget {
  written: number
  rounds: number
}

// One budget per render: a render has one Context from start to end (partials, which would spawn others, are off).
const budgets = new WeakMap<Context, RenderBudget>()

function budgetOf(ctx: Context): RenderBudget {
  let budget = budgets.get(ctx)
  if (!budget) {
    budget = { written: 0, rounds: 0 }
    budgets.set(ctx, budget)
  }
  return budget
}

/** As liquidjs writes a value: drops by their value, lists joined, nothing for nil. */
function stringify(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(stringify).join('')
  if (typeof value === 'object' && typeof value.valueOf === 'function') {
    const inner: unknown = value.valueOf()
    if (inner !== value) return stringify(inner)
  }
  return String(value)
}

/** An emitter that counts what it is given against the render's budget before keeping it. */
export class BudgetEmitter implements Emitter {
  buffer = ''
  readonly #budget: RenderBudget

  constructor(ctx: Context) {
    this.#budget = budgetOf(ctx)
  }

  write(html: unknown): void {
    const text = stringify(html)
    this.#budget.written += text.length
    if (this.#budget.written > templateBudget.maxOutputCharacters) throw new TemplateBudgetError(outputExceeded)
    this.buffer += text
  }
}

function enumerableSize(value: unknown): number {
  if (typeof value === 'string') return value.length > 0 ? 1 : 0
  if (Array.isArray(value)) return value.length
  if (value instanceof Map || value instanceof Set) return value.size
  if (typeof value === 'object' && value !== null) return Object.keys(value).length
  return 0
}

function* chargeRounds(ctx: Context, collection: Token, limit: Token | undefined): Generator<unknown, void, unknown> {
  const size = enumerableSize(yield evalToken(collection, ctx))
  const most = limit === undefined ? Number.POSITIVE_INFINITY : Number(yield evalToken(limit, ctx))
  const budget = budgetOf(ctx)
  budget.rounds += Math.min(size, Number.isFinite(most) && most >= 0 ? most : size)
  if (budget.rounds > templateBudget.maxLoopRounds) throw new TemplateBudgetError(loopsExceeded)
}

/** `{% capture %}` writing through the budget: what it builds counts as rendered text. */
class BudgetedCapture extends CaptureTag {
  override *render(ctx: Context): Generator<unknown, void, string> {
    const emitter = new BudgetEmitter(ctx)
    yield this.liquid.renderer.renderTemplates(this.templates, ctx, emitter)
    ctx.bottom()[this.variable] = emitter.buffer
  }
}

/** `{% for %}` counting the elements it is given (after `limit:`) as rounds before it runs them. */
class BudgetedFor extends ForTag {
  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void | string, Template[]> {
    yield chargeRounds(ctx, this.collection, this.hash.hash.limit) as never
    return yield* super.render(ctx, emitter)
  }
}

class BudgetedTablerow extends TablerowTag {
  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    yield chargeRounds(ctx, this.collection, this.args.hash.limit)
    yield* super.render(ctx, emitter)
  }
}

/** Replaces the tags that repeat or build text with budgeted ones. */
export function registerBudgetedTags(engine: Liquid): void {
  engine.registerTag('capture', BudgetedCapture)
  engine.registerTag('for', BudgetedFor)
  engine.registerTag('tablerow', BudgetedTablerow)
}
