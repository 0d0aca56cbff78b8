import { outcomesOf, type Journey, type JourneyNode } from '@dunwell/journey'
import { freshId, takenIds } from './fresh-id'
import { outcomeIdProblem, stepIdProblem } from './id-problem'
import type { Selection } from './types'

/** The editor names an edge after where it starts: `e-<step>` or `e-<step>-<outcome>` (with `-2` … when taken). */
function derivedRest(edgeId: string, stem: string): string | undefined {
  if (edgeId === stem) return ''
  return edgeId.startsWith(`${stem}-`) ? edgeId.slice(stem.length) : undefined
}

/**
 * Gives a step a new id and carries every reference along: the edges from and to it, and the ids of the edges the
 * editor named after it. Nothing else in a journey names a step (conditions see `case`, `debtor` and `event`;
 * steps name templates, not the other way round). An id the schema refuses or another step or edge uses is no
 * change at all.
 */
export function renameNode(draft: Journey, from: string, to: string): Selection | undefined {
  const node = draft.nodes.find((candidate) => candidate.id === from)
  if (!node || from === to || stepIdProblem(draft, from, to)) return undefined
  node.id = to
  const taken = takenIds(draft)
  for (const edge of draft.edges) {
    if (edge.source === from) {
      edge.source = to
      const rest = derivedRest(edge.id, `e-${from}`)
      if (rest !== undefined) {
        taken.delete(edge.id)
        edge.id = freshId(`e-${to}${rest}`, taken, true)
      }
    }
    if (edge.target === from) edge.target = to
  }
  return { nodes: [to], edges: [] }
}

/** The node's data with every list item called `from` (a branch, a variant) called `to`. */
function withItemRenamed(data: JourneyNode['data'], from: string, to: string): JourneyNode['data'] {
  const renamed: Record<string, unknown> = { ...data }
  for (const [key, value] of Object.entries(data)) {
    if (!Array.isArray(value)) continue
    renamed[key] = value.map((item) => (item && typeof item === 'object' && (item as { id?: unknown }).id === from ? { ...item, id: to } : item))
  }
  return renamed as JourneyNode['data']
}

/**
 * Renames one outcome of a step (a segment's branch, a split's variant): the item that defines it and the edge
 * that leaves by it, whose id follows when the editor named it after the outcome. Refused (no change) when `to` is
 * no valid id, another outcome of the step has it, or `from` is not an outcome the step's data defines.
 */
export function renameOutcome(draft: Journey, nodeId: string, from: string, to: string): Selection | undefined {
  const node = draft.nodes.find((candidate) => candidate.id === nodeId)
  if (!node || from === to || outcomeIdProblem(node, from, to)) return undefined
  const data = withItemRenamed(node.data, from, to)
  const outcomes = (outcomesOf({ type: node.type, data }) ?? []).map((outcome) => outcome.id)
  if (!outcomes.includes(to) || outcomes.includes(from)) return undefined
  node.data = data as never
  const taken = takenIds(draft)
  for (const edge of draft.edges) {
    if (edge.source !== nodeId || edge.sourceHandle !== from) continue
    edge.sourceHandle = to
    if (edge.id === `e-${nodeId}-${from}`) {
      taken.delete(edge.id)
      edge.id = freshId(`e-${nodeId}-${to}`, taken, true)
    }
  }
  return undefined
}
