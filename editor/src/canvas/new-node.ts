import { nodeKinds, isNodeType, type JourneyNode, type Position } from '@dunwell/journey'
import { DEFAULT_SIZE, snap } from '../store'

/** The data type a palette item carries while dragged onto the canvas. */
export const PALETTE_DRAG_TYPE = 'application/x-dunwell-node-kind'

/** A new node of a kind with its defaults, centred on a point of the canvas; the store gives it a fresh id. */
export function newNodeAt(type: string, at: Position): Omit<JourneyNode, 'id'> | undefined {
  if (!isNodeType(type)) return undefined
  const position = { x: snap(at.x - DEFAULT_SIZE.width / 2), y: snap(at.y - DEFAULT_SIZE.height / 2) }
  return { type, position, data: structuredClone(nodeKinds[type].defaults) } as Omit<JourneyNode, 'id'>
}
