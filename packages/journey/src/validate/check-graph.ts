import type { Diagnostic } from '../diagnostics'
import { pauses } from '../nodes'
import type { EdgeView, JourneyView, NodeView } from './view'

function handleName(handle: string | null): string {
  return handle === null ? 'default outcome' : `outcome "${handle}"`
}

function edgeLocation(edge: EdgeView) {
  return { ...(edge.id ? { edgeId: edge.id } : {}), path: ['edges', edge.index] }
}

/** Ids, edges, outcomes, entries, reachability and loops: everything about the shape of the graph. */
export function checkGraph(view: JourneyView): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const byId = new Map<string, NodeView>()

  for (const node of view.nodes) {
    if (byId.has(node.id)) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-node-id',
        message: `the id "${node.id}" is used by more than one node`,
        nodeId: node.id,
        path: ['nodes', node.index, 'id'],
      })
    } else byId.set(node.id, node)
  }

  const edgeIds = new Set<string>()
  for (const edge of view.edges) {
    if (edge.id === undefined) continue
    if (edgeIds.has(edge.id)) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-edge-id',
        message: `the id "${edge.id}" is used by more than one edge`,
        edgeId: edge.id,
        path: ['edges', edge.index, 'id'],
      })
    }
    edgeIds.add(edge.id)
  }

  const entries = view.nodes.filter((node) => node.type === 'entry')
  if (entries.length === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'no-entry',
      message: 'the journey has no entry node: add one to say which event enrols a case',
      path: ['nodes'],
    })
  }
  for (const extra of entries.slice(1)) {
    diagnostics.push({
      severity: 'error',
      code: 'several-entries',
      message: `a journey has exactly one entry, but "${entries[0]?.id}" is one already`,
      nodeId: extra.id,
      path: ['nodes', extra.index],
    })
  }

  // Edges: both ends exist, the outcome exists, each outcome leads to one place.
  const successors = new Map<string, string[]>()
  const connected = new Map<string, EdgeView>()
  for (const edge of view.edges) {
    const source = byId.get(edge.source)
    const target = byId.get(edge.target)
    if (!source || !target) {
      const missing = !source ? `source "${edge.source}"` : `target "${edge.target}"`
      diagnostics.push({
        severity: 'error',
        code: 'edge-missing-node',
        message: `connects to the ${missing}, which is not a node of this journey`,
        ...edgeLocation(edge),
      })
      continue
    }
    if (target.type === 'entry') {
      diagnostics.push({
        severity: 'error',
        code: 'edge-into-entry',
        message: `leads back into the entry "${target.id}": cases enter only through their trigger event`,
        ...edgeLocation(edge),
      })
    }
    if (source.handles) {
      const known = source.handles.some((handle) => handle.id === edge.sourceHandle)
      if (!known) {
        const valid = source.handles.map((handle) => (handle.id === null ? '(default, no sourceHandle)' : handle.id))
        diagnostics.push({
          severity: 'error',
          code: 'unknown-handle',
          message:
            valid.length === 0
              ? `starts at "${source.id}", a ${source.type} node, which has no outcomes`
              : `starts at the ${handleName(edge.sourceHandle)} of "${source.id}", which it does not have (it has: ${valid.join(', ')})`,
          ...edgeLocation(edge),
        })
        continue
      }
      const key = `${edge.source}\u0000${edge.sourceHandle ?? ''}`
      const previous = connected.get(key)
      if (previous) {
        diagnostics.push({
          severity: 'error',
          code: 'outcome-connected-twice',
          message: `the ${handleName(edge.sourceHandle)} of "${edge.source}" already leads to "${previous.target}"; an outcome leads to one node`,
          ...edgeLocation(edge),
        })
        continue
      }
      connected.set(key, edge)
    }
    successors.set(edge.source, [...(successors.get(edge.source) ?? []), edge.target])
  }

  for (const node of view.nodes) {
    for (const handle of node.handles ?? []) {
      if (handle.optional || connected.has(`${node.id}\u0000${handle.id ?? ''}`)) continue
      diagnostics.push({
        severity: 'error',
        code: 'unconnected-outcome',
        message:
          handle.id === null
            ? `leads nowhere: connect it to the next step`
            : `its ${handleName(handle.id)} (${handle.label}) leads nowhere: connect it to the next step`,
        nodeId: node.id,
        path: ['nodes', node.index],
      })
    }
  }

  const entry = entries[0]
  if (entry) {
    const reached = new Set<string>([entry.id])
    const queue = [entry.id]
    while (queue.length > 0) {
      for (const next of successors.get(queue.pop()!) ?? []) {
        if (!reached.has(next)) {
          reached.add(next)
          queue.push(next)
        }
      }
    }
    const seen = new Set<string>()
    for (const node of view.nodes) {
      if (reached.has(node.id) || seen.has(node.id)) continue
      seen.add(node.id)
      diagnostics.push({
        severity: 'error',
        code: 'unreachable-node',
        message: `no path from the entry leads here: connect it or delete it`,
        nodeId: node.id,
        path: ['nodes', node.index],
      })
    }
  }

  diagnostics.push(...checkLoops(view, byId, successors))
  return diagnostics
}

/** A loop through no wait would spin forever (and message a debtor without pause). */
function checkLoops(view: JourneyView, byId: Map<string, NodeView>, successors: Map<string, string[]>): Diagnostic[] {
  const instant = (id: string) => !pauses(byId.get(id)?.type ?? '')
  const components = stronglyConnected([...byId.keys()].filter(instant), (id) => (successors.get(id) ?? []).filter(instant))
  const diagnostics: Diagnostic[] = []
  for (const component of components) {
    const first = component[0]!
    const loops = component.length > 1 || (successors.get(first) ?? []).includes(first)
    if (!loops) continue
    const node = byId.get(first)!
    diagnostics.push({
      severity: 'error',
      code: 'cycle-without-wait',
      message: `${component.map((id) => `"${id}"`).join(', ')} form a loop with no wait: add a wait node inside the loop`,
      nodeId: first,
      path: ['nodes', node.index],
    })
  }
  return diagnostics
}

/** Tarjan's algorithm, iterative so that a long chain cannot overflow the stack. */
export function stronglyConnected(ids: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0

  for (const root of ids) {
    if (index.has(root)) continue
    const work: { id: string; children: string[]; position: number }[] = [{ id: root, children: next(root), position: 0 }]
    index.set(root, counter)
    low.set(root, counter++)
    stack.push(root)
    onStack.add(root)
    while (work.length > 0) {
      const frame = work[work.length - 1]!
      if (frame.position < frame.children.length) {
        const child = frame.children[frame.position++]!
        if (!index.has(child)) {
          index.set(child, counter)
          low.set(child, counter++)
          stack.push(child)
          onStack.add(child)
          work.push({ id: child, children: next(child), position: 0 })
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!))
        }
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!))
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.id)
        components.push(component.reverse())
      }
    }
  }
  return components
}
