import type { Selection } from './types'
import { useEditorStore } from './useEditorStore'

/** The selected node and edge ids. */
export function useSelection(): Selection {
  return useEditorStore((state) => state.selection)
}
