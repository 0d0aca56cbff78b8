import { isNodeType, type Journey, type JourneyEdge, type JourneyNode, type Position, type Template } from '@dunwell/journey'
import { freshId, takenIds } from './fresh-id'
import type { Fragment, Selection } from './types'

const FRAGMENT_FORMAT = 'dunwell/fragment@1'

/** The selected nodes, the edges between them and the templates they name. */
export function copyFragment(document: Journey, selection: Selection): Fragment | undefined {
  const ids = new Set(selection.nodes)
  const nodes = document.nodes.filter((node) => ids.has(node.id))
  if (nodes.length === 0) return undefined
  const edges = document.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target))
  const templates: Record<string, Template> = {}
  for (const node of nodes) {
    const name = 'template' in node.data ? node.data.template : undefined
    const template = name ? document.templates[name] : undefined
    if (name && template) templates[name] = template
  }
  return { format: FRAGMENT_FORMAT, nodes, edges, templates }
}

/** A fragment read back from the clipboard, or undefined for any other text. */
export function parseFragment(text: string): Fragment | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  const fragment = value as Partial<Fragment> | null
  if (!fragment || fragment.format !== FRAGMENT_FORMAT || !Array.isArray(fragment.nodes) || !Array.isArray(fragment.edges)) return undefined
  const nodes = fragment.nodes.filter((node) => typeof node?.id === 'string' && isNodeType(node.type) && node.position && node.data)
  return { format: FRAGMENT_FORMAT, nodes, edges: fragment.edges, templates: fragment.templates ?? {} }
}

/**
 * Adds a fragment to a (draft) document with fresh node and edge ids; templates are added only under ids the
 * document does not use yet. Returns the new node and edge ids. `at` puts the fragment's top-left corner there.
 */
export function insertFragment(document: Journey, fragment: Fragment, placement: { offset?: Position; at?: Position }): Selection {
  const taken = takenIds(document)
  const renamed = new Map<string, string>()
  const left = Math.min(...fragment.nodes.map((node) => node.position.x))
  const top = Math.min(...fragment.nodes.map((node) => node.position.y))
  const dx = placement.at ? placement.at.x - left : (placement.offset?.x ?? 0)
  const dy = placement.at ? placement.at.y - top : (placement.offset?.y ?? 0)
  const nodes: JourneyNode[] = fragment.nodes.map((node) => {
    const id = freshId(node.id, taken)
    renamed.set(node.id, id)
    return { ...structuredClone(node), id, position: { x: node.position.x + dx, y: node.position.y + dy } }
  })
  const edges: JourneyEdge[] = []
  for (const edge of fragment.edges) {
    const source = renamed.get(edge.source)
    const target = renamed.get(edge.target)
    if (!source || !target) continue
    const id = freshId(`e-${source}${edge.sourceHandle ? `-${edge.sourceHandle}` : ''}`, taken, true)
    edges.push({ id, source, target, ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}) })
  }
  // The entry is unique per journey: a pasted second one is kept (the validator says so) rather than dropped.
  document.nodes.push(...nodes)
  document.edges.push(...edges)
  for (const [name, template] of Object.entries(fragment.templates)) {
    if (!Object.hasOwn(document.templates, name)) document.templates[name] = structuredClone(template)
  }
  return { nodes: nodes.map((node) => node.id), edges: edges.map((edge) => edge.id) }
}
