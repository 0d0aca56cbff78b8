import { useEffect, useRef } from 'react'
import { minimalEdit } from '../monaco/minimal-edit'
import { monaco } from '../monaco/setup'

/**
 * Where Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y) go instead of Monaco's own undo: the document's history. Returning `false`
 * leaves the key to Monaco (typing that is not part of the document yet).
 */
export interface EditorHistory {
  undo: () => void | false
  redo: () => void | false
}

interface CodeEditorProps {
  value: string
  language: string
  /** Read by screen readers: Monaco's text area has no visible label. */
  label: string
  onChange: (value: string) => void
  /** One focus of the editor is one editing gesture (one undo step). */
  onFocus?: () => void
  onBlur?: () => void
  /** Undo and redo through the document's history: a Monaco undo would be recorded as one more edit. */
  history?: EditorHistory
  /** Construction options over the defaults (a one-line editor, say); read once, when the editor is created. */
  options?: monaco.editor.IStandaloneEditorConstructionOptions
  /** The model's URI, for language features that match on it (a JSON schema); read once. */
  modelUri?: string
  /** Wires what the caller needs (markers, keys); the returned function runs when the editor goes. */
  onMount?: (editor: monaco.editor.IStandaloneCodeEditor) => (() => void) | void
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
export function CodeEditor({ value, language, label, onChange, onFocus, onBlur, history, options: extra, modelUri, onMount }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const handlers = useRef({ onChange, onFocus, onBlur, history })
  handlers.current = { onChange, onFocus, onBlur, history }
  /** True while the document's text is written into the editor: that is no edit of the person's. */
  const syncing = useRef(false)
  const initial = useRef({ value, language, label, extra, modelUri, onMount })

  useEffect(() => {
    if (!host.current) return
    const { value, language, label, extra, modelUri, onMount } = initial.current
    const model = monaco.editor.createModel(value, language, modelUri ? monaco.Uri.parse(modelUri) : undefined)
    const editor = monaco.editor.create(host.current, { ...options, ...extra, model, ariaLabel: label })
    editorRef.current = editor
    const unmount = onMount?.(editor)
    const subscriptions = [
      editor.onKeyDown((event) => {
        const history = handlers.current.history
        if (!history || !(event.ctrlKey || event.metaKey) || event.altKey) return
        const redo = (event.keyCode === monaco.KeyCode.KeyZ && event.shiftKey) || (event.keyCode === monaco.KeyCode.KeyY && !event.shiftKey)
        if (!redo && !(event.keyCode === monaco.KeyCode.KeyZ && !event.shiftKey)) return
        if ((redo ? history.redo() : history.undo()) === false) return
        event.preventDefault()
        event.stopPropagation()
      }),
      editor.onDidChangeModelContent(() => {
        if (!syncing.current) handlers.current.onChange(editor.getValue())
      }),
      editor.onDidFocusEditorText(() => handlers.current.onFocus?.()),
      editor.onDidBlurEditorText(() => handlers.current.onBlur?.()),
    ]
    return () => {
      unmount?.()
      for (const subscription of subscriptions) subscription.dispose()
      editor.dispose()
      model.dispose()
      editorRef.current = null
    }
  }, [])

  useEffect(() => {
    const editor = editorRef.current
    const model = editor?.getModel()
    if (!editor || !model || model.getValue() === value) return
    // Only the part that differs is replaced: the cursor and the scroll position stay where they were.
    const edit = minimalEdit(model.getValue(), value)
    if (!edit) return
    const start = model.getPositionAt(edit.start)
    const end = model.getPositionAt(edit.end)
    syncing.current = true
    try {
      editor.executeEdits('document', [{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: edit.text }])
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
