import { useEffect } from 'react'
import { isTyping } from '../canvas/useClipboard'
import { useEditorStoreApi } from '../store'

interface Handlers {
  onSave: () => void
  onToggleHelp: () => void
  onEscape: () => void
  /** False while the canvas is hidden: select-all, duplicate and delete would act on steps out of sight. */
  canvas?: boolean
}

/** The editor's keyboard: undo/redo, delete, duplicate, select all, save, help. Copy and paste are in useClipboard. */
export function useShortcuts({ onSave, onToggleHelp, onEscape, canvas = true }: Handlers) {
  const store = useEditorStoreApi()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey
      const key = event.key.toLowerCase()
      if (mod && key === 's') {
        event.preventDefault()
        return onSave()
      }
      if (isTyping(event.target) || event.defaultPrevented) return
      const state = store.getState()
      const selected = state.selection.nodes.length + state.selection.edges.length > 0
      const run = (action: () => void) => {
        event.preventDefault()
        action()
      }
      if (mod && key === 'z') return run(event.shiftKey ? state.redo : state.undo)
      if (mod && key === 'y') return run(state.redo)
      if (!canvas && (key === 'delete' || key === 'backspace' || (mod && (key === 'a' || key === 'd')))) return
      if (mod && key === 'd') return run(() => selected && state.applyChange({ type: 'duplicate-selection' }))
      if (mod && key === 'a') {
        return run(() => state.select({ nodes: state.document.nodes.map((node) => node.id), edges: state.document.edges.map((edge) => edge.id) }))
      }
      if ((key === 'delete' || key === 'backspace') && !mod && selected) return run(() => state.applyChange({ type: 'delete-selection' }))
      if (event.key === '?') return run(onToggleHelp)
      if (key === 'escape') {
        state.select({ nodes: [], edges: [] })
        onEscape()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [canvas, onEscape, onSave, onToggleHelp, store])
}
