import { useEffect, useRef } from 'react'
import { monaco } from '../monaco/setup'

interface DiffViewProps {
  original: string
  modified: string
  /** Names of the two sides, read by screen readers. */
  originalLabel: string
  modifiedLabel: string
  /** Two columns, or one with removed and added lines interleaved (narrow screens, long lines). */
  sideBySide: boolean
}

const options: monaco.editor.IStandaloneDiffEditorConstructionOptions = {
  readOnly: true,
  originalEditable: false,
  automaticLayout: true,
  renderSideBySide: true,
  minimap: { enabled: false },
  fontSize: 12.5,
  lineNumbersMinChars: 4,
  scrollBeyondLastLine: false,
  // The list of changes above says where they are; the ruler would only repeat it.
  renderOverviewRuler: false,
  // Long unchanged stretches fold away: a reviewer reads what changed, with a little context.
  hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 5, revealLineCount: 20 },
  scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 8 },
}

/** Two stable JSON texts side by side, read-only, the changes marked line by line. */
export function DiffView({ original, modified, originalLabel, modifiedLabel, sideBySide }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null)
  const editorRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null)

  useEffect(() => {
    if (!host.current) return
    const editor = monaco.editor.createDiffEditor(host.current, options)
    editorRef.current = editor
    return () => {
      const model = editor.getModel()
      editor.dispose()
      model?.original.dispose()
      model?.modified.dispose()
      editorRef.current = null
    }
  }, [])

  useEffect(() => {
    const editor = editorRef.current
    if (!editor) return
    const previous = editor.getModel()
    editor.setModel({ original: monaco.editor.createModel(original, 'json'), modified: monaco.editor.createModel(modified, 'json') })
    previous?.original.dispose()
    previous?.modified.dispose()
    // Bring the first change into view once the diff is computed.
    const once = editor.onDidUpdateDiff(() => {
      once.dispose()
      const first = editor.getLineChanges()?.[0]
      if (first) editor.getModifiedEditor().revealLineInCenter(Math.max(first.modifiedStartLineNumber, 1))
    })
    return () => once.dispose()
  }, [original, modified])

  useEffect(() => {
    editorRef.current?.updateOptions({ renderSideBySide: sideBySide })
  }, [sideBySide])

  useEffect(() => {
    editorRef.current?.getOriginalEditor().updateOptions({ ariaLabel: `${originalLabel}, read-only` })
    editorRef.current?.getModifiedEditor().updateOptions({ ariaLabel: `${modifiedLabel}, read-only` })
  }, [originalLabel, modifiedLabel])

  return <div ref={host} className="diff-view" role="region" aria-label={`Differences between ${originalLabel} and ${modifiedLabel}`} />
}
