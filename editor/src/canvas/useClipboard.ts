import { useReactFlow } from '@xyflow/react'
import { useEffect, type RefObject } from 'react'
import { copyFragment, parseFragment, snap, useEditorStoreApi } from '../store'

/** Typing in a field keeps the browser's own copy and paste. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
}

/**
 * Ctrl/Cmd+C, X and V: selected nodes (with the edges between them and their templates) travel as JSON on the
 * system clipboard, so they paste into another journey, another tab, or a text editor. Pasted at the pointer.
 */
export function useClipboard(pointer: RefObject<{ x: number; y: number } | null>) {
  const store = useEditorStoreApi()
  const { screenToFlowPosition } = useReactFlow()

  useEffect(() => {
    const copy = (event: ClipboardEvent, cut: boolean) => {
      if (isTyping(event.target) || !event.clipboardData) return
      // Text selected on the page (a problem's message, say) is copied as text.
      if (window.getSelection()?.isCollapsed === false) return
      const { document, selection, applyChange } = store.getState()
      const fragment = copyFragment(document, selection)
      if (!fragment) return
      event.clipboardData.setData('text/plain', `${JSON.stringify(fragment, null, 2)}\n`)
      event.preventDefault()
      if (cut) applyChange({ type: 'delete-selection' })
    }
    const onCopy = (event: ClipboardEvent) => copy(event, false)
    const onCut = (event: ClipboardEvent) => copy(event, true)
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return
      const fragment = parseFragment(event.clipboardData?.getData('text/plain') ?? '')
      if (!fragment) return
      event.preventDefault()
      const at = pointer.current ? screenToFlowPosition(pointer.current) : undefined
      store.getState().applyChange({
        type: 'paste',
        fragment,
        ...(at ? { at: { x: snap(at.x), y: snap(at.y) } } : { offset: { x: 40, y: 40 } }),
      })
    }
    window.addEventListener('copy', onCopy)
    window.addEventListener('cut', onCut)
    window.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('copy', onCopy)
      window.removeEventListener('cut', onCut)
      window.removeEventListener('paste', onPaste)
    }
  }, [pointer, screenToFlowPosition, store])
}
