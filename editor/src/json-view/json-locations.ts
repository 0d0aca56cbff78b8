import type { DiagnosticPath } from '@dunwell/journey'
import { findNodeAtLocation, type Node } from 'jsonc-parser'

export interface TextRange {
  offset: number
  length: number
}

/**
 * Where a document path is in the JSON text. A value that is itself an object or a list is marked by its key (or
 * its opening bracket), not across all its lines; a path that is not there (a missing field) by its nearest
 * ancestor that is.
 */
export function pathRange(root: Node | undefined, path: DiagnosticPath): TextRange | undefined {
  if (!root) return undefined
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length))
    if (!node) continue
    if (node.type !== 'object' && node.type !== 'array') return { offset: node.offset, length: node.length }
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined
    return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 }
  }
  return undefined
}
