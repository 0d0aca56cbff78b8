import type { Change } from './types'
import { useEditorStore } from './useEditorStore'

/** The one function that edits the document. */
export function useApplyChange(): (change: Change) => void {
  return useEditorStore((state) => state.applyChange)
}
