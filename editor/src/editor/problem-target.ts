import { formatPath, type Diagnostic, type Journey } from '@dunwell/journey'

/** What a problem is about, as the editor can show it: a step, an arrow (drawn or not), a field of the settings or a template. */
export type ProblemTarget = { kind: 'step'; id: string } | { kind: 'arrow'; id: string } | { kind: 'setting'; path: string } | { kind: 'template'; id: string }

/** The journey's own fields, which the settings screen shows beside its `settings`. */
const journeyFields = new Set(['name', 'description', 'settings'])

/**
 * The thing a diagnostic names: its node or edge id, else what its path points at (a node or an edge by index, a
 * setting by its path, e.g. `settings.locales`, a template by its id).
 */
export function problemTarget(diagnostic: Pick<Diagnostic, 'nodeId' | 'edgeId'> & { path?: Diagnostic['path'] }, document: Journey): ProblemTarget | undefined {
  if (diagnostic.nodeId) return { kind: 'step', id: diagnostic.nodeId }
  if (diagnostic.edgeId) return { kind: 'arrow', id: diagnostic.edgeId }
  const [collection, index] = diagnostic.path ?? []
  if (collection === 'nodes' && typeof index === 'number') {
    const node = document.nodes[index]
    return node ? { kind: 'step', id: node.id } : undefined
  }
  if (collection === 'edges' && typeof index === 'number') {
    const edge = document.edges[index]
    return edge ? { kind: 'arrow', id: edge.id } : undefined
  }
  if (collection === 'templates' && typeof index === 'string') return { kind: 'template', id: index }
  if (typeof collection === 'string' && journeyFields.has(collection)) return { kind: 'setting', path: formatPath(diagnostic.path ?? []) }
  return undefined
}
