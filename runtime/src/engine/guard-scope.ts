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
  /** Conditions evaluated since the last decision was recorded: the reasons of the next one. */
  decisions: Decision[] = []
  variant: (nodeId: string, variants: { id: string; weight: number }[]) => string = () => ''

  readonly guards: JourneyGuards = {
    'dunwell.when': (_args, params) => {
      let result = false
      let error: string | undefined
      try {
        result = evaluateExpression(params.expr, { ...this.facts, event: this.event }) === true
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught)
      }
      // The goal is checked after every step; only record it when it decides something.
      if (params.nodeId !== null || result || error) {
        this.decisions.push({ expr: params.expr, ...(params.outcome ? { outcome: params.outcome } : {}), result, ...(error ? { error } : {}) })
      }
      return result
    },
    'dunwell.variant': (_args, params) => this.variant(params.nodeId, params.variants) === params.variant,
  }

  takeDecisions(): Decision[] {
    const taken = this.decisions
    this.decisions = []
    return taken
  }
}
