import { outcomesOf, type HandleSpec, type Journey, type JourneyEdge, type JourneyNode } from '@dunwell/journey'

/** Why the canvas cannot draw an edge. */
export type EdgeFault =
  | { kind: 'missing-source' }
  | { kind: 'missing-target' }
  /** `outcomes` are the source's, for a "reconnect from" choice. */
  | { kind: 'unknown-outcome'; outcomes: HandleSpec[] }

type Node = Pick<JourneyNode, 'id' | 'type' | 'data'>

// Outcomes per node data object: unchanged nodes keep their data's identity across edits (immer), so a drag costs no
// outcome lookups at all.
const outcomeCache = new WeakMap<object, HandleSpec[] | undefined>()

function cachedOutcomes(node: Node): HandleSpec[] | undefined {
  const data = node.data as object
  if (typeof data !== 'object' || data === null) return outcomesOf(node)
  if (!outcomeCache.has(data)) outcomeCache.set(data, outcomesOf(node))
  return outcomeCache.get(data)
}

/**
 * What keeps the canvas from drawing the edge, or undefined when it draws it. A source whose data is too broken
 * to name its outcomes is no fault of the edge: the node's own problem says what is wrong.
 */
export function edgeFault(edge: JourneyEdge, nodes: ReadonlyMap<string, Node>): EdgeFault | undefined {
  const source = nodes.get(edge.source)
  if (!source) return { kind: 'missing-source' }
  if (!nodes.has(edge.target)) return { kind: 'missing-target' }
  const outcomes = cachedOutcomes(source)
  if (outcomes && !outcomes.some((outcome) => outcome.id === (edge.sourceHandle ?? null))) return { kind: 'unknown-outcome', outcomes }
  return undefined
}

export function nodesById(document: Pick<Journey, 'nodes'>): Map<string, Node> {
  return new Map(document.nodes.map((node) => [node.id, node]))
}

/** The edges of a document the canvas cannot draw. */
export function danglingEdges(document: Pick<Journey, 'nodes' | 'edges'>): JourneyEdge[] {
  const nodes = nodesById(document)
  return document.edges.filter((edge) => edgeFault(edge, nodes))
}

const edgeKey = (edge: JourneyEdge) => JSON.stringify([edge.id, edge.source, edge.sourceHandle ?? null, edge.target])

/**
 * The edges to keep after a change: every edge the canvas can draw, and an undrawable one only when it was there,
 * unchanged, before the change (a loaded document's dangling edge stays until it is fixed, so that the problems
 * panel can show it). Undefined when all stay. Every edit of the editor store goes through this, so no edit can
 * leave an arrow behind that the canvas does not show: a removed branch takes its arrow along.
 */
export function drawableEdges(before: Pick<Journey, 'nodes' | 'edges'>, after: Pick<Journey, 'nodes' | 'edges'>): JourneyEdge[] | undefined {
  const nodes = nodesById(after)
  const dangling = after.edges.filter((edge) => edgeFault(edge, nodes))
  if (dangling.length === 0) return undefined
  const wasDangling = new Set(danglingEdges(before).map(edgeKey))
  const dropped = new Set(dangling.filter((edge) => !wasDangling.has(edgeKey(edge))))
  return dropped.size === 0 ? undefined : after.edges.filter((edge) => !dropped.has(edge))
}
