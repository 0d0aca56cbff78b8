import type { Diagnostic } from '@dunwell/journey'
import { useReactFlow } from '@xyflow/react'
import { useCallback } from 'react'
import { DEFAULT_SIZE, useEditorStoreApi } from '../store'
import { problemTarget, type ProblemTarget } from './problem-target'

/**
 * Selects what a problem is about: a step or an arrow (brought to the middle of the canvas; an arrow the canvas
 * cannot draw is still selected, and the inspector offers to reconnect or remove it), or a setting (the selection's
 * `setting`, which the settings screen shows). Returns what it is about: a template is for the editor to show.
 */
export function useFocusItem() {
  const store = useEditorStoreApi()
  const { getInternalNode, setCenter, getZoom } = useReactFlow()

  return useCallback(
    (diagnostic: Pick<Diagnostic, 'nodeId' | 'edgeId'> & { path?: Diagnostic['path'] }): ProblemTarget | undefined => {
      const { document, select } = store.getState()
      const target = problemTarget(diagnostic, document)
      if (!target) return undefined
      if (target.kind === 'setting') {
        select({ nodes: [], edges: [], setting: target.path })
        return target
      }
      // The templates view shows a template (the editor switches to it).
      if (target.kind === 'template') return target
      const edge = target.kind === 'arrow' ? document.edges.find((candidate) => candidate.id === target.id) : undefined
      if (target.kind === 'arrow' && !edge) return undefined
      select(edge ? { nodes: [], edges: [edge.id] } : { nodes: [target.id], edges: [] })
      // An arrow is shown by the step it starts at, or, when that is gone, the one it leads to.
      const node = edge ? (getInternalNode(edge.source) ?? getInternalNode(edge.target)) : getInternalNode(target.id)
      if (!node) return target
      const width = node.measured.width ?? DEFAULT_SIZE.width
      const height = node.measured.height ?? DEFAULT_SIZE.height
      const { x, y } = node.internals.positionAbsolute
      void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), 0.9), duration: 300 })
      return target
    },
    [getInternalNode, getZoom, setCenter, store],
  )
}
