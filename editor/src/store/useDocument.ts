import type { Journey } from '@dunwell/journey'
import { useEditorStore } from './useEditorStore'

/** The journey document being edited. */
export function useDocument(): Journey {
  return useEditorStore((state) => state.document)
}
