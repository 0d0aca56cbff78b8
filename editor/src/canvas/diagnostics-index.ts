import type { Diagnostic } from '@dunwell/journey'

export interface DiagnosticsIndex {
  byNode: Map<string, Diagnostic[]>
  /** Edges the validator names in an error. */
  failingEdges: Set<string>
}

const cache = new WeakMap<Diagnostic[], DiagnosticsIndex>()

/** Diagnostics by node and failing edges, computed once per diagnostics list. */
export function indexDiagnostics(diagnostics: Diagnostic[]): DiagnosticsIndex {
  const cached = cache.get(diagnostics)
  if (cached) return cached
  const index: DiagnosticsIndex = { byNode: new Map(), failingEdges: new Set() }
  for (const diagnostic of diagnostics) {
    if (diagnostic.nodeId) index.byNode.set(diagnostic.nodeId, [...(index.byNode.get(diagnostic.nodeId) ?? []), diagnostic])
    if (diagnostic.edgeId && diagnostic.severity === 'error') index.failingEdges.add(diagnostic.edgeId)
  }
  cache.set(diagnostics, index)
  return index
}

const none: Diagnostic[] = []

export function diagnosticsOfNode(diagnostics: Diagnostic[], nodeId: string): Diagnostic[] {
  return indexDiagnostics(diagnostics).byNode.get(nodeId) ?? none
}
