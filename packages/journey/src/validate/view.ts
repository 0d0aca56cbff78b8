import { isPlainObject } from '../is-plain-object'
import type { JourneyNode } from '../document'
import type { HandleSpec } from '../node-kind'
import { isNodeType, nodeKinds, outcomesOf } from '../nodes'
import { settingsSchema, type Settings } from '../settings'
import { templateSchema, type Template } from '../template'

export interface NodeView {
  index: number
  id: string
  type: string
  /** Set when the node's own schema accepts it. */
  node?: JourneyNode
  /** Set when the node parsed: its outcomes. */
  handles?: HandleSpec[]
}

export interface EdgeView {
  index: number
  id: string | undefined
  source: string
  target: string
  sourceHandle: string | null
}

/**
 * A lenient reading of a possibly malformed document: every node and edge that has enough shape to reason about,
 * so that one bad node does not hide the problems of the others.
 */
export interface JourneyView {
  nodes: NodeView[]
  edges: EdgeView[]
  settings?: Settings
  templates: Map<string, Template>
  templateIds: Set<string>
}

function entries(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

export function readView(document: Record<string, unknown>): JourneyView {
  const nodes: NodeView[] = []
  entries(document.nodes).forEach((raw, index) => {
    if (!isPlainObject(raw) || typeof raw.id !== 'string' || raw.id === '') return
    const view: NodeView = { index, id: raw.id, type: typeof raw.type === 'string' ? raw.type : '' }
    if (isNodeType(raw.type)) {
      const kind = nodeKinds[raw.type]
      const parsed = kind.node.safeParse(raw)
      if (parsed.success) {
        view.node = parsed.data as JourneyNode
        view.handles = outcomesOf(parsed.data)
      }
    }
    nodes.push(view)
  })

  const edges: EdgeView[] = []
  entries(document.edges).forEach((raw, index) => {
    if (!isPlainObject(raw) || typeof raw.source !== 'string' || typeof raw.target !== 'string') return
    edges.push({
      index,
      id: typeof raw.id === 'string' ? raw.id : undefined,
      source: raw.source,
      target: raw.target,
      sourceHandle: typeof raw.sourceHandle === 'string' ? raw.sourceHandle : null,
    })
  })

  const templates = new Map<string, Template>()
  const templateIds = new Set<string>()
  if (isPlainObject(document.templates)) {
    for (const [id, raw] of Object.entries(document.templates)) {
      templateIds.add(id)
      const parsed = templateSchema.safeParse(raw)
      if (parsed.success) templates.set(id, parsed.data)
    }
  }

  const settings = settingsSchema.safeParse(document.settings)
  return { nodes, edges, templates, templateIds, ...(settings.success ? { settings: settings.data } : {}) }
}
