import type { Diagnostic } from '@dunwell/journey'
import { useEditorStore } from './useEditorStore'

/** The validator's findings for the current document (recomputed shortly after every change). */
export function useDiagnostics(): Diagnostic[] {
  return useEditorStore((state) => state.diagnostics)
}
