import { fieldsRead, type JourneyGuards } from '@dunwell/journey'
import { evaluateExpression } from './expressions'
import { memoize } from './memo'

export interface Decision {
  expr: string
  outcome?: string
  result: boolean
  error?: string
  /** The value of each field the condition read (null: the case has none), as a test run shows it. */
  values?: Record<string, unknown>
}

const fieldsOf = memoize((expr: string) => fieldsRead(expr))

/** A value as the trail keeps it: numbers as numbers, a list or map in short JSON. */
function shown(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (typeof value === 'bigint') return Number(value)
  if (typeof value !== 'object') return value
  const json = JSON.stringify(value, (_key, inner) => (typeof inner === 'bigint' ? Number(inner) : inner))
  return json.length > 120 ? `${json.slice(0, 119)}…` : json
}

function valueAt(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/**
 * What the guards of every compiled machine read: the case being stepped and the event at hand. The engine sets it
 * before each transition; machines stay shared between cases.
 */
export class GuardScope {
  /**
   * Whether decisions keep the values their conditions read: case data in the trail, so only where a person tries a
   * journey out (a simulation's throwaway database), never in the live trail.
   */
  constructor(readonly recordValues = false) {}

  facts: Record<string, unknown> = {}
  event: { type: string; data: Record<string, unknown> } = { type: '', data: {} }
  /** Conditions evaluated in this step, per node: the reasons of its decision. XState may ask a guard twice. */
  decisions = new Map<string, Map<string, Decision>>()
  variant: (nodeId: string, variants: { id: string; weight: number }[]) => string = () => ''

  readonly guards: JourneyGuards = {
    'dunwell.when': (args, params) => {
      // XState's transition() builds a throwaway actor whose initial snapshot (no input, so no case) runs the
      // machine's eventless transitions too: that is not a real evaluation, and must neither cost nor record.
      if (args.context.caseId === undefined) return false
      let result = false
      let error: string | undefined
      const scope = { ...this.facts, event: this.event }
      try {
        result = evaluateExpression(params.expr, scope) === true
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught)
      }
      // The goal is checked after every step; it explains itself in the exit it leads to.
      if (params.nodeId !== null) {
        let node = this.decisions.get(params.nodeId)
        if (!node) this.decisions.set(params.nodeId, (node = new Map()))
        node.set(`${params.outcome ?? ''}\u0000${params.expr}`, {
          expr: params.expr,
          ...(params.outcome ? { outcome: params.outcome } : {}),
          result,
          ...(error ? { error } : {}),
          ...(this.recordValues ? { values: Object.fromEntries(fieldsOf(params.expr).map((path) => [path, shown(valueAt(scope, path))])) } : {}),
        })
      }
      return result
    },
    'dunwell.variant': (args, params) => args.context.caseId !== undefined && this.variant(params.nodeId, params.variants) === params.variant,
  }

  takeDecisions(nodeId: string): Decision[] {
    const taken = [...(this.decisions.get(nodeId)?.values() ?? [])]
    this.decisions.delete(nodeId)
    return taken
  }
}
