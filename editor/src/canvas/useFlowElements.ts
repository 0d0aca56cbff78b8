import { outcomesOf, type JourneyEdge, type JourneyNode } from '@dunwell/journey'
import type { Edge, Node } from '@xyflow/react'
import { useMemo, useRef } from 'react'
import { useDiagnostics, useDocument, useEditorStore, useSelection, type Size } from '../store'
import { indexDiagnostics } from './diagnostics-index'
import { isLabelled, titleOf } from './node-kinds'
import { useTraceStore } from '../testrun/trace-store'

/** A document node as React Flow sees it: the same id, type, position and data, plus view state. */
export type FlowNode = Node<JourneyNode['data'] & Record<string, unknown>>

interface Cached {
  source: JourneyNode
  selected: boolean
  size: Size | undefined
  flow: FlowNode
}

/**
 * The canvas is a projection of the document: React Flow's nodes and edges are derived from it, never stored.
 * Unchanged nodes keep their identity, so that React Flow skips them while one node is dragged.
 */
export function useFlowElements(): { nodes: FlowNode[]; edges: Edge[] } {
  const document = useDocument()
  const selection = useSelection()
  const diagnostics = useDiagnostics()
  const measured = useEditorStore((state) => state.measured)
  const cache = useRef(new Map<string, Cached>())
  const traced = useTraceStore((state) => state.highlight?.edges)

  const nodes = useMemo(() => {
    const selected = new Set(selection.nodes)
    const next = new Map<string, Cached>()
    const flow = document.nodes.map((node) => {
      const isSelected = selected.has(node.id)
      const size = measured[node.id]
      const hit = cache.current.get(node.id)
      const entry =
        hit && hit.source === node && hit.selected === isSelected && hit.size === size
          ? hit
          : { source: node, selected: isSelected, size, flow: toFlowNode(node, isSelected, size) }
      next.set(node.id, entry)
      return entry.flow
    })
    cache.current = next
    return flow
  }, [document.nodes, selection.nodes, measured])

  const edges = useMemo(() => {
    const selected = new Set(selection.edges)
    const failing = indexDiagnostics(diagnostics).failingEdges
    const byId = new Map(document.nodes.map((node) => [node.id, node]))
    return document.edges.map((edge) =>
      withTrace(toFlowEdge(edge, byId.get(edge.source), byId.get(edge.target), selected.has(edge.id), failing.has(edge.id)), traced?.[edge.id]),
    )
  }, [document.edges, document.nodes, selection.edges, diagnostics, traced])

  return { nodes, edges }
}

function toFlowNode(node: JourneyNode, selected: boolean, size: Size | undefined): FlowNode {
  return {
    id: node.id,
    type: node.type,
    position: node.position,
    data: node.data as FlowNode['data'],
    selected,
    deletable: false, // deleting goes through applyChange, not React Flow
    ...(size ? { measured: size } : {}),
  }
}

/** Long branch labels are read on the node; the edge carries a short form. */
const LABEL_MAX = 22

/** What a screen reader calls a step: its title, and its id when the title is only its kind. */
function nameOf(node: JourneyNode | undefined, id: string): string {
  if (!node) return `Step ${id}`
  return isLabelled(node) ? titleOf(node) : `${titleOf(node)} ${id}`
}

function toFlowEdge(edge: JourneyEdge, source: JourneyNode | undefined, target: JourneyNode | undefined, selected: boolean, failing: boolean): Edge {
  const outcomes = (source && outcomesOf(source)) ?? []
  const outcome = outcomes.find((candidate) => candidate.id === (edge.sourceHandle ?? null))
  // The default outcome ("next", "sent") goes without saying; a branch, variant, timeout or failure is named.
  const full = edge.sourceHandle ? (outcome?.label ?? edge.sourceHandle) : undefined
  const label = full && full.length > LABEL_MAX ? `${full.slice(0, LABEL_MAX - 1)}…` : full
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? null,
    selected,
    deletable: false,
    className: failing ? 'edge edge--error' : 'edge',
    ariaLabel: `From ${nameOf(source, edge.source)}${outcome ? ` (${outcome.label})` : ''} to ${nameOf(target, edge.target)}`,
    ...(label ? { label, labelBgPadding: [6, 3] as [number, number], labelBgBorderRadius: 4 } : {}),
  }
}

/** An edge a test run took: drawn on top of the others, the current step's one moving. */
function withTrace(edge: Edge, traced: 'taken' | 'current' | undefined): Edge {
  if (!traced) return edge
  return { ...edge, className: `${edge.className} edge--trace edge--trace-${traced}`, animated: traced === 'current', zIndex: 1 }
}
