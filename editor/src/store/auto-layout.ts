import dagre from '@dagrejs/dagre'
import type { Journey, Position } from '@dunwell/journey'
import type { Size } from './types'

export const GRID = 20
/** A node the canvas has not measured yet. */
export const DEFAULT_SIZE: Size = { width: 260, height: 96 }

export function snap(value: number): number {
  return Math.round(value / GRID) * GRID
}

/** Top-to-bottom positions for every node (top-left corners, on the grid), from dagre. */
export function autoLayout(document: Journey, measured: Record<string, Size>): Map<string, Position> {
  const graph = new dagre.graphlib.Graph({ multigraph: true })
  graph.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 72, marginx: 0, marginy: 0 })
  graph.setDefaultEdgeLabel(() => ({}))
  const ids = new Set(document.nodes.map((node) => node.id))
  for (const node of document.nodes) graph.setNode(node.id, { ...(measured[node.id] ?? DEFAULT_SIZE) })
  for (const edge of document.edges) {
    if (ids.has(edge.source) && ids.has(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id)
  }
  dagre.layout(graph)
  const positions = new Map<string, Position>()
  for (const node of document.nodes) {
    const laid = graph.node(node.id)
    const size = measured[node.id] ?? DEFAULT_SIZE
    positions.set(node.id, { x: snap(laid.x - size.width / 2), y: snap(laid.y - size.height / 2) })
  }
  return positions
}
