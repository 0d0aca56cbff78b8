import { useContext } from 'react'
import { useStore } from 'zustand'
import type { EditorState } from './types'
import { EditorStoreContext } from './EditorStoreProvider'
import { errors } from './errors'

/** The editor's state through a selector: a component re-renders only when what it selects changes. */
export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector)
}

/** The store itself, for event handlers that read state without subscribing to it. */
export function useEditorStoreApi() {
  const store = useContext(EditorStoreContext)
  if (!store) throw new Error(errors.noStore)
  return store
}
