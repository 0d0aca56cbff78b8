import type { JourneyGuards } from '@dunwell/journey'
import { evaluateExpression } from './expressions'

export interface Decision {
  expr: string
  outcome?: string
  result: boolean
  error?: string
}

/**
 * What the guards of every compiled machine read: the case being stepped and the event at hand. The engine sets it
 * before each transition; machines stay shared between cases.
 */
export class GuardScope {
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
      try {
        result = evaluateExpression(params.expr, { ...this.facts, event: this.event }) === true
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
