import { useEffect, useRef } from 'react'
import { monaco } from '../monaco/setup'

interface CodeEditorProps {
  value: string
  language: string
  /** Read by screen readers: Monaco's text area has no visible label. */
  label: string
  onChange: (value: string) => void
  /** One focus of the editor is one editing gesture (one undo step). */
  onFocus?: () => void
  onBlur?: () => void
}

const options: monaco.editor.IStandaloneEditorConstructionOptions = {
  minimap: { enabled: false },
  wordWrap: 'on',
  fontSize: 12.5,
  lineNumbersMinChars: 3,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  tabSize: 2,
  renderLineHighlight: 'none',
  overviewRulerLanes: 0,
  scrollbar: { verticalScrollbarSize: 8, horizontalScrollbarSize: 8 },
}

/**
 * Monaco, controlled by the document: an undo outside the editor (the toolbar's) shows up in it. Mount it with a
 * `key` per text edited: its model lives as long as the component.
 */
export function CodeEditor({ value, language, label, onChange, onFocus, onBlur }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const handlers = useRef({ onChange, onFocus, onBlur })
  handlers.current = { onChange, onFocus, onBlur }
  /** True while the document's text is written into the editor: that is no edit of the person's. */
  const syncing = useRef(false)
  const initial = useRef({ value, language, label })

  useEffect(() => {
    if (!host.current) return
    const editor = monaco.editor.create(host.current, { ...options, value: initial.current.value, language: initial.current.language, ariaLabel: initial.current.label })
    editorRef.current = editor
    const subscriptions = [
      editor.onDidChangeModelContent(() => {
        if (!syncing.current) handlers.current.onChange(editor.getValue())
      }),
      editor.onDidFocusEditorText(() => handlers.current.onFocus?.()),
      editor.onDidBlurEditorText(() => handlers.current.onBlur?.()),
    ]
    return () => {
      for (const subscription of subscriptions) subscription.dispose()
      const model = editor.getModel()
      editor.dispose()
      model?.dispose()
      editorRef.current = null
    }
  }, [])

  useEffect(() => {
    const editor = editorRef.current
    const model = editor?.getModel()
    if (!editor || !model || model.getValue() === value) return
    syncing.current = true
    try {
      editor.executeEdits('document', [{ range: model.getFullModelRange(), text: value }])
    } finally {
      syncing.current = false
    }
  }, [value])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (model) monaco.editor.setModelLanguage(model, language)
  }, [language])

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: label })
  }, [label])

  return <div ref={host} className="code-editor__host" />
}
