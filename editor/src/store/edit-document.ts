import { nodeKinds, type Journey, type JourneyEdge, type JourneyNode, type LocalizedText, type Settings, type Template } from '@dunwell/journey'
import { autoLayout, DEFAULT_SIZE, GRID, snap } from './auto-layout'
import { freshId, takenIds } from './fresh-id'
import { copyFragment, insertFragment } from './fragment'
import { renameNode, renameOutcome } from './rename'
import type { Change, Connection, EditorState, Selection } from './types'

/** What a change may read besides the document being edited. */
export interface EditContext {
  /** The document before the change (never a draft): fragments are copied from it. */
  base: Journey
  selection: Selection
  measured: EditorState['measured']
}

/**
 * Applies one change to an immer draft of the document. Returns the selection after the change when the change
 * decides it (new nodes are selected, deleted ones are not).
 */
export function editDocument(draft: Journey, change: Change, context: EditContext): Selection | undefined {
  switch (change.type) {
    case 'add-node': {
      const id = change.node.id ?? freshId(change.node.type, takenIds(draft))
      draft.nodes.push({ ...change.node, id } as JourneyNode)
      return { nodes: [id], edges: [] }
    }
    case 'insert-on-edge':
      return insertOnEdge(draft, change.edge, change.node, context.measured)
    case 'move-nodes': {
      const byId = new Map(change.moves.map((move) => [move.id, move.position]))
      for (const node of draft.nodes) {
        const position = byId.get(node.id)
        if (position && (position.x !== node.position.x || position.y !== node.position.y)) node.position = { ...position }
      }
      return undefined
    }
    case 'update-node-data': {
      const node = draft.nodes.find((candidate) => candidate.id === change.id)
      if (node) node.data = change.data as never
      return undefined
    }
    case 'rename':
      draft.name = change.name
      return undefined
    case 'describe':
      if (!change.description) delete draft.description
      else if (draft.description !== change.description) draft.description = change.description
      return undefined
    case 'update-settings':
      updateSettings(draft.settings, change.settings)
      return undefined
    case 'rename-node':
      return renameNode(draft, change.from, change.to)
    case 'rename-outcome':
      return renameOutcome(draft, change.node, change.from, change.to)
    case 'delete-selection':
      return remove(draft, context.selection)
    case 'delete-edge':
      return remove(draft, { nodes: [], edges: [change.id] })
    case 'connect':
      return { nodes: [], edges: [connect(draft, change.connection)] }
    case 'reconnect': {
      draft.edges = draft.edges.filter((edge) => edge.id !== change.id)
      return { nodes: [], edges: [connect(draft, change.connection, change.id)] }
    }
    case 'paste':
      return insertFragment(draft, change.fragment, change)
    case 'duplicate-selection': {
      const fragment = copyFragment(context.base, context.selection)
      return fragment ? insertFragment(draft, fragment, { offset: { x: GRID * 2, y: GRID * 2 } }) : undefined
    }
    case 'auto-layout': {
      const positions = autoLayout(context.base, context.measured)
      for (const node of draft.nodes) {
        const position = positions.get(node.id)
        if (position) node.position = position
      }
      return undefined
    }
    case 'replace-document':
      Object.assign(draft, change.document)
      for (const key of Object.keys(draft) as (keyof Journey)[]) if (!(key in change.document)) delete draft[key]
      return { nodes: [], edges: [] }
    case 'add-template':
      if (!(change.id in draft.templates)) draft.templates[change.id] = structuredClone(change.template)
      return undefined
    case 'update-template': {
      const template = draft.templates[change.id]
      if (template) updateTemplate(template, change.template)
      return undefined
    }
    case 'remove-template':
      if (!templateInUse(draft, change.id)) delete draft.templates[change.id]
      return undefined
  }
}

/** Whether a step sends (or reads out) the template. */
export function templateInUse(document: Journey, id: string): boolean {
  return document.nodes.some((node) => (node.data as { template?: unknown }).template === id)
}

/** Writes only the settings that differ, so that an undo step names the field that changed. */
function updateSettings(draft: Settings, next: Settings) {
  const target = draft as Record<string, unknown>
  for (const key of Object.keys(draft)) if (!(key in next)) delete target[key]
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(target[key]) !== JSON.stringify(value)) target[key] = structuredClone(value)
  }
}

/** Writes only what differs, so that the patches name the locale being typed in (and merge per gesture). */
function updateTemplate(draft: Template, next: Template) {
  if (draft.channel !== next.channel) draft.channel = next.channel
  if (!next.name) delete draft.name
  else if (draft.name !== next.name) draft.name = next.name
  updateTexts(draft.body, next.body)
  if (!next.subject) delete draft.subject
  else if (!draft.subject) draft.subject = dropEmpty(next.subject)
  else updateTexts(draft.subject, next.subject)
}

function updateTexts(draft: LocalizedText, next: LocalizedText) {
  for (const locale of Object.keys(draft)) if (!next[locale]) delete draft[locale]
  for (const [locale, text] of Object.entries(next)) if (text && draft[locale] !== text) draft[locale] = text
}

function dropEmpty(texts: LocalizedText): LocalizedText {
  return Object.fromEntries(Object.entries(texts).filter(([, text]) => text))
}

function remove(draft: Journey, selection: Selection): Selection {
  const nodes = new Set(selection.nodes)
  const edges = new Set(selection.edges)
  draft.nodes = draft.nodes.filter((node) => !nodes.has(node.id))
  draft.edges = draft.edges.filter((edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target))
  return { nodes: [], edges: [] }
}

/**
 * Splices a new node into an edge: the edge keeps its source and outcome and now leads to the node, whose first
 * required outcome leads to the edge's old target. A node without outcomes (an exit) cannot sit inside an edge: it
 * is added on its own.
 */
function insertOnEdge(draft: Journey, edgeId: string, node: Omit<JourneyNode, 'id'>, measured: EditContext['measured']): Selection {
  const id = freshId(node.type, takenIds(draft))
  draft.nodes.push({ ...node, id } as JourneyNode)
  const edge = draft.edges.find((candidate) => candidate.id === edgeId)
  const kind = nodeKinds[node.type] as { handles: (data: unknown) => { id: string | null; optional?: boolean }[] }
  const outcome = kind.handles(node.data).find((handle) => !handle.optional)
  if (!edge || !outcome) return { nodes: [id], edges: [] }
  const target = edge.target
  edge.target = id
  connect(draft, { source: id, sourceHandle: outcome.id, target })
  // On an arrow that leads down (not a loop back up): the step lands clear of the one it follows, and the ones
  // after it move down to make room.
  const above = draft.nodes.find((candidate) => candidate.id === edge.source)
  const below = draft.nodes.find((candidate) => candidate.id === target)
  if (!above || !below || below.position.y <= above.position.y) return { nodes: [id], edges: [] }
  const added = draft.nodes.find((candidate) => candidate.id === id)!
  const lowest = above.position.y + (measured[above.id]?.height ?? DEFAULT_SIZE.height) + GRID * 2
  // In line with the step it follows, as if it had always been there.
  const x = snap(above.position.x + ((measured[above.id]?.width ?? DEFAULT_SIZE.width) - DEFAULT_SIZE.width) / 2)
  added.position = { x, y: Math.max(added.position.y, lowest) }
  makeRoomBelow(draft, id, target, edge.source, measured)
  return { nodes: [id], edges: [] }
}

/** Moves the steps from `first` on down as far as needed for the new step above them not to cover them. */
function makeRoomBelow(draft: Journey, added: string, first: string, source: string, measured: EditContext['measured']) {
  const byId = new Map(draft.nodes.map((node) => [node.id, node]))
  const top = byId.get(added)
  const below = byId.get(first)
  if (!top || !below) return
  const shift = top.position.y + (measured[added]?.height ?? DEFAULT_SIZE.height) + GRID * 2 - below.position.y
  if (shift <= 0) return
  // Everything reachable from the old target, except what leads here (a loop back to the source stays put).
  const moved = new Set<string>()
  const queue = [first]
  while (queue.length > 0) {
    const id = queue.pop()!
    if (moved.has(id) || id === added || id === source) continue
    moved.add(id)
    for (const edge of draft.edges) if (edge.source === id) queue.push(edge.target)
  }
  for (const id of moved) {
    const node = byId.get(id)!
    if (node.position.y >= top.position.y) node.position = { x: node.position.x, y: node.position.y + Math.ceil(shift / GRID) * GRID }
  }
}

/** An outcome leads to one place: connecting it again replaces its edge. Returns the edge's id. */
function connect(draft: Journey, connection: Connection, keepId?: string): string {
  const handle = connection.sourceHandle ?? undefined
  const replaced = draft.edges.find((edge) => edge.source === connection.source && edge.sourceHandle === handle)
  draft.edges = draft.edges.filter((edge) => edge !== replaced)
  const taken = takenIds(draft)
  const id = keepId ?? replaced?.id ?? freshId(`e-${connection.source}${handle ? `-${handle}` : ''}`, taken, true)
  const edge: JourneyEdge = { id, source: connection.source, ...(handle ? { sourceHandle: handle } : {}), target: connection.target }
  draft.edges.push(edge)
  return id
}
