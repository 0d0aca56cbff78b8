import { useShallow } from 'zustand/react/shallow'
import { useEditorStore } from './useEditorStore'

/** Undo and redo, and whether there is anything to undo or redo. */
export function useHistory() {
  return useEditorStore(
    useShallow((state) => ({
      canUndo: state.history.past.length > 0,
      canRedo: state.history.future.length > 0,
      undo: state.undo,
      redo: state.redo,
    })),
  )
}
