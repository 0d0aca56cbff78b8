import type { Journey } from '@dunwell/journey'
import { createContext, useEffect, useState, type ReactNode } from 'react'
import { createEditorStore, type EditorStore } from './create-editor-store'
import type { JourneyMeta } from './types'

export const EditorStoreContext = createContext<EditorStore | null>(null)

/** One store per editor instance: two journeys open side by side never share state. */
export function EditorStoreProvider({ document, meta, children }: { document: Journey; meta: JourneyMeta; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(document, meta))
  useEffect(() => () => store.getState().dispose(), [store])
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>
}
