import type { Diagnostic } from '@dunwell/journey'
import { useReactFlow } from '@xyflow/react'
import { useCallback } from 'react'
import { DEFAULT_SIZE, useEditorStoreApi } from '../store'

/** Selects the node or edge a problem names and brings it to the middle of the canvas. */
export function useFocusItem() {
  const store = useEditorStoreApi()
  const { getInternalNode, setCenter, getZoom } = useReactFlow()

  return useCallback(
    (diagnostic: Pick<Diagnostic, 'nodeId' | 'edgeId'>) => {
      const { document, select } = store.getState()
      const edge = diagnostic.edgeId ? document.edges.find((candidate) => candidate.id === diagnostic.edgeId) : undefined
      const nodeId = diagnostic.nodeId ?? edge?.source
      if (!nodeId) return
      select(edge && !diagnostic.nodeId ? { nodes: [], edges: [edge.id] } : { nodes: [nodeId], edges: [] })
      const node = getInternalNode(nodeId)
      if (!node) return
      const width = node.measured.width ?? DEFAULT_SIZE.width
      const height = node.measured.height ?? DEFAULT_SIZE.height
      const { x, y } = node.internals.positionAbsolute
      void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), 0.9), duration: 300 })
    },
    [getInternalNode, getZoom, setCenter, store],
  )
}
