import type { ExpressionCheck } from '@dunwell/journey'
import { useEffect, useRef } from 'react'
import { useHistory } from '../store'
import { CodeEditor } from '../templates/CodeEditor'
import { celMarker } from './cel-markers'
import { CEL_LANGUAGE, registerCel } from './cel-language'
import { monaco } from './setup'

export interface CelEditorProps {
  /** The id of the text area, so that the field's `<label for>` names and focuses it. */
  id: string
  value: string
  /** The accessible name (Monaco's text area has no visible label of its own). */
  label: string
  /** The check of `value` the field already made: its error is underlined where the library puts it. */
  check: ExpressionCheck | undefined
  describedBy?: string | undefined
  invalid?: boolean | undefined
  placeholder?: string | undefined
  /** Focus on mount: the plain field it replaces had the focus. */
  autoFocus?: boolean | undefined
  onChange: (value: string) => void
  onFocus?: (() => void) | undefined
  onBlur?: (() => void) | undefined
}

const MARKER_OWNER = 'cel'
const LINE_HEIGHT = 20
/** Long conditions wrap; beyond this many lines the field scrolls. */
const MAX_LINES = 6

const oneLine: monaco.editor.IStandaloneEditorConstructionOptions = {
  lineNumbers: 'off',
  glyphMargin: false,
  folding: false,
  lineDecorationsWidth: 6,
  lineNumbersMinChars: 0,
  lineHeight: LINE_HEIGHT,
  padding: { top: 5, bottom: 5 },
  wordWrap: 'on',
  wrappingStrategy: 'advanced',
  scrollbar: { vertical: 'auto', horizontal: 'hidden', verticalScrollbarSize: 6, alwaysConsumeMouseWheel: false },
  overviewRulerBorder: false,
  hideCursorInOverviewRuler: true,
  renderLineHighlight: 'none',
  occurrencesHighlight: 'off',
  selectionHighlight: false,
  matchBrackets: 'near',
  contextmenu: false,
  links: false,
  // A real text area: it carries the field's id and ARIA, and the canvas's keys (Space pans) leave it alone.
  editContext: false,
  // Tab leaves the field, as in any input: keyboard users are never trapped.
  tabFocusMode: true,
  tabCompletion: 'off',
  acceptSuggestionOnEnter: 'on',
  quickSuggestions: { other: true, strings: false, comments: false },
  suggestOnTriggerCharacters: true,
  wordBasedSuggestions: 'off',
  // The suggestions float above the inspector instead of being cut off by its edges.
  fixedOverflowWidgets: true,
  fontSize: 12.5,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  stickyScroll: { enabled: false },
  unicodeHighlight: { ambiguousCharacters: false },
}

/**
 * A CEL expression in a Monaco editor that looks and behaves like a text field: highlighting, suggestions of the
 * declared fields, the error underlined; Enter inserts no line, Tab moves on, Ctrl+Z undoes through the document.
 */
export default function CelEditor({ id, value, label, check, describedBy, invalid, placeholder, autoFocus, onChange, onFocus, onBlur }: CelEditorProps) {
  registerCel()
  const { undo, redo } = useHistory()
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const attributes = useRef({ id, describedBy, invalid })
  attributes.current = { id, describedBy, invalid }
  const initial = useRef({ placeholder, autoFocus })

  const onMount = (editor: monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = editor
    applyAttributes(editor, attributes.current)
    const host = editor.getContainerDomNode()
    const fit = () => {
      const lines = Math.min(MAX_LINES, Math.max(1, Math.round((editor.getContentHeight() - 10) / LINE_HEIGHT)))
      host.style.height = `${lines * LINE_HEIGHT + 10}px`
      editor.layout()
    }
    const subscriptions = [
      editor.onDidContentSizeChange(fit),
      // Tab moves on even while suggestions are shown (Enter takes one): the field never holds the focus back.
      editor.onKeyDown((event) => {
        if (event.keyCode !== monaco.KeyCode.Tab || event.ctrlKey || event.altKey || event.metaKey) return
        // Hidden before the browser moves the focus, or the focus would land in the list of suggestions.
        editor.trigger('keyboard', 'hideSuggestWidget', null)
        event.stopPropagation()
      }),
      // A line break (pasted, say) becomes a space: the expression stays on one logical line.
      editor.onDidChangeModelContent(() => {
        const model = editor.getModel()
        if (!model || model.getLineCount() === 1) return
        const text = model.getValue()
        const joined = text.replace(/\r?\n/g, ' ')
        editor.executeEdits('one-line', [{ range: model.getFullModelRange(), text: joined }])
      }),
    ]
    // Enter accepts a suggestion when one is shown, and does nothing otherwise.
    const enter = editor.addAction({
      id: 'dunwell.cel.enter',
      label: 'Accept',
      keybindings: [monaco.KeyCode.Enter],
      precondition: '!suggestWidgetVisible',
      run: () => undefined,
    })
    fit()
    if (initial.current.autoFocus) {
      editor.focus()
      editor.setPosition(editor.getModel()!.getFullModelRange().getEndPosition())
    }
    return () => {
      for (const subscription of subscriptions) subscription.dispose()
      enter.dispose()
      editorRef.current = null
    }
  }

  useEffect(() => {
    const editor = editorRef.current
    if (editor) applyAttributes(editor, { id, describedBy, invalid })
  }, [id, describedBy, invalid])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    const marker = check ? celMarker(value, check) : undefined
    const markers: monaco.editor.IMarkerData[] = []
    if (marker && model.getValue() === value) {
      const start = model.getPositionAt(marker.start)
      const end = model.getPositionAt(marker.end)
      markers.push({
        severity: monaco.MarkerSeverity.Error,
        message: marker.message,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      })
    }
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers)
  }, [check, value])

  return (
    <div className={`cel-editor nokey ${invalid ? 'cel-editor--invalid' : ''}`}>
      <CodeEditor
        value={value}
        language={CEL_LANGUAGE}
        label={label}
        onChange={onChange}
        {...(onFocus ? { onFocus } : {})}
        {...(onBlur ? { onBlur } : {})}
        history={{ undo, redo }}
        options={{ ...oneLine, ...(initial.current.placeholder ? { placeholder: initial.current.placeholder } : {}) }}
        onMount={onMount}
      />
    </div>
  )
}

/** The text area Monaco types into carries the field's id, description and validity, like the input it replaces. */
function applyAttributes(
  editor: monaco.editor.IStandaloneCodeEditor,
  { id, describedBy, invalid }: { id: string; describedBy?: string | undefined; invalid?: boolean | undefined },
) {
  const textArea = editor.getDomNode()?.querySelector('textarea')
  if (!textArea) return
  textArea.id = id
  textArea.setAttribute('aria-multiline', 'false')
  if (describedBy) textArea.setAttribute('aria-describedby', describedBy)
  else textArea.removeAttribute('aria-describedby')
  if (invalid) textArea.setAttribute('aria-invalid', 'true')
  else textArea.removeAttribute('aria-invalid')
}
