import { format, type Journey } from '@dunwell/journey'
import { parseTree } from 'jsonc-parser'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useEditSession } from '../inspector/useEditSession'
import { monaco } from '../monaco/setup'
import { useDiagnostics, useDocument, useEditorStoreApi } from '../store'
import { CodeEditor, type EditorHistory } from '../templates/CodeEditor'
import { Icon, type IconName } from '../ui/Icon'
import { configureJourneySchema, JOURNEY_MODEL_URI } from './journey-schema'
import type { TextRange } from './json-locations'
import { setUnappliedText } from './leave-guard'
import { diagnosticRanges, readJourneyText, type TextProblem } from './read-journey-text'

/** Typing pauses this long before the text is read and, when it is a journey, applied. */
const APPLY_DELAY_MS = 300
const MARKER_OWNER = 'dunwell'

/** `synced`: the text is the document; `pending`: typed, not read yet; `blocked`: not a journey, not applied. */
type TextState = 'synced' | 'pending' | 'blocked'

const options: monaco.editor.IStandaloneEditorConstructionOptions = {
  wordWrap: 'off',
  lineNumbersMinChars: 4,
  folding: true,
  renderLineHighlight: 'line',
  fixedOverflowWidgets: true,
  scrollBeyondLastLine: false,
  formatOnPaste: false,
  tabSize: 2,
  insertSpaces: true,
  stickyScroll: { enabled: true },
  // A real text area, which screen readers and the page's own keyboard handling know.
  editContext: false,
}

/** The stable text of the document; a draft that does not fit the schema still shows, as plain JSON. */
function documentText(document: Journey): string {
  try {
    return format(document)
  } catch {
    return `${JSON.stringify(document, null, 2)}\n`
  }
}

/**
 * The whole journey document as JSON, in sync with the canvas both ways: edits made elsewhere (the inspector, undo)
 * show up in the text without moving the cursor; text that reads as a journey is applied as you type, one undo step
 * per visit of the editor. Text that is not a journey is kept, marked where it is wrong, and never applied.
 */
export default function DocumentView() {
  configureJourneySchema()
  const store = useEditorStoreApi()
  const diagnostics = useDiagnostics()
  const document = useDocument()
  // The stable text, to tell whether Format would change anything: once per document, not per keystroke.
  const formatted = useMemo(() => documentText(document), [document])
  const session = useEditSession('json-view')
  const [text, setText] = useState(() => documentText(store.getState().document))
  const [state, setState] = useState<TextState>('synced')
  const [problems, setProblems] = useState<TextProblem[]>([])
  const [conflict, setConflict] = useState(false)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  /** The document the text was last read from or written from. */
  const shown = useRef<Journey>(store.getState().document)
  /** The text and its state as of the last keystroke: the rendered state may lag (it shows `blocked` while typing). */
  const live = useRef<{ text: string; state: TextState }>({ text, state })
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const applying = useRef(false)

  /** Reads the text; applies it when it is a journey that differs from the document. */
  const flush = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = undefined
    if (live.current.state !== 'pending') return
    const result = readJourneyText(live.current.text, store.getState().document)
    if (!result.ok) {
      setProblems(result.problems)
      setState('blocked')
      live.current.state = 'blocked'
      return
    }
    const current = store.getState().document
    if (documentText(result.document) !== documentText(current)) {
      applying.current = true
      try {
        store.getState().applyChange({ type: 'replace-document', document: result.document, edit: session.current() })
      } finally {
        applying.current = false
      }
    }
    shown.current = store.getState().document
    setProblems([])
    setConflict(false)
    setState('synced')
    live.current.state = 'synced'
  }, [session, store])

  const flushRef = useRef(flush)
  flushRef.current = flush

  const onChange = useCallback(
    (next: string) => {
      live.current = { text: next, state: 'pending' }
      setText(next)
      // Text that was not applied stays marked so until it is read again: no flicker while typing.
      setState((current) => (current === 'blocked' ? current : 'pending'))
      clearTimeout(timer.current)
      timer.current = setTimeout(flush, APPLY_DELAY_MS)
    },
    [flush],
  )

  const showDocument = useCallback((document: Journey) => {
    clearTimeout(timer.current)
    shown.current = document
    const next = documentText(document)
    live.current = { text: next, state: 'synced' }
    setText(next)
    setState('synced')
    setProblems([])
    setConflict(false)
  }, [])

  // Edits made elsewhere (undo and redo, mostly) show up in the text, unless the person's own text is unapplied.
  useEffect(
    () =>
      store.subscribe((next, previous) => {
        if (next.document === previous.document || applying.current || next.document === shown.current) return
        if (live.current.state === 'synced') showDocument(next.document)
        else setConflict(true)
      }),
    [showDocument, store],
  )

  const problemCount = useRef(0)
  problemCount.current = problems.length

  // Leaving with unapplied text asks first; what is valid is applied on the way out.
  useEffect(() => {
    setUnappliedText(() => {
      if (live.current.state === 'pending') flush()
      if (live.current.state !== 'blocked') return undefined
      const count = problemCount.current
      return `${count} problem${count === 1 ? '' : 's'}`
    })
    return () => {
      setUnappliedText(undefined)
      flush()
    }
  }, [flush])

  const history = useMemo<EditorHistory>(() => {
    // Typing not yet applied is undone in the text itself; applied edits through the document's history.
    const step = (direction: 'undo' | 'redo') => {
      if (live.current.state !== 'synced') return false
      store.getState()[direction]()
    }
    return { undo: () => step('undo'), redo: () => step('redo') }
  }, [store])

  // Markers: what blocks the text where it is, else the validator's findings on the applied document.
  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model || model.getValue() !== text) return
    const found =
      state === 'blocked'
        ? problems.map((problem) => ({ ...problem, severity: 'error' as const }))
        : state === 'synced'
          ? diagnosticRanges(parseTree(text), diagnostics)
          : undefined
    if (!found) return
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      found.map((problem) => ({
        ...toRange(model, problem.range),
        message: problem.message,
        severity: problem.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })),
    )
  }, [diagnostics, problems, state, text])

  const reveal = (range: TextRange) => {
    const editor = editorRef.current
    const model = editor?.getModel()
    if (!editor || !model) return
    const selection = toRange(model, range)
    editor.setSelection(selection)
    editor.revealRangeInCenterIfOutsideViewport(selection)
    editor.focus()
  }

  const discard = () => {
    if (window.confirm('Discard your text and show the journey as it is? Your changes to the text will be lost.')) showDocument(store.getState().document)
  }

  return (
    <main className="editor__wide json-view" aria-label="Journey document as JSON">
      <div className="json-view__bar">
        <h2 className="json-view__title">Journey document</h2>
        <StatusPill state={state} problems={problems.length} />
        <span className="json-view__hint">
          Valid edits apply as you type · Ctrl+Z undoes them · Ctrl+M: Tab leaves the editor · checked against journey.schema.json
        </span>
        <span className="json-view__spacer" />
        {state === 'blocked' ? (
          <button type="button" className="button button--ghost" onClick={discard} title="Drop your text and show the journey as it is">
            <Icon name="undo" /> Discard my text
          </button>
        ) : (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => showDocument(store.getState().document)}
            disabled={state !== 'synced' || text === formatted}
            title="Rewrite the text in the stable form of export (keys in order, two-space indent)"
          >
            <Icon name="braces" /> Format
          </button>
        )}
      </div>
      {conflict && (
        <p className="json-view__conflict" role="alert">
          The journey changed (an undo or redo) while your text is not applied. Your text is kept.
          <button type="button" className="button button--small" onClick={discard}>
            Show the journey instead
          </button>
        </p>
      )}
      <div className="json-view__editor">
        <CodeEditor
          value={text}
          language="json"
          label="Journey document as JSON"
          modelUri={JOURNEY_MODEL_URI}
          options={options}
          history={history}
          onChange={onChange}
          onFocus={session.start}
          onBlur={() => {
            flush()
            session.end()
          }}
          onMount={(editor) => {
            editorRef.current = editor
            // Ctrl+S saves the document: what was just typed goes in first.
            const save = editor.onKeyDown((event) => {
              if ((event.ctrlKey || event.metaKey) && event.keyCode === monaco.KeyCode.KeyS) flushRef.current()
            })
            return () => {
              save.dispose()
              editorRef.current = null
            }
          }}
        />
      </div>
      {state === 'blocked' && problems.length > 0 && (
        <section className="json-view__problems" aria-label="Why the text is not applied">
          <h3 className="json-view__problems-title">Not applied: fix {problems.length === 1 ? 'this' : `these ${problems.length}`} first</h3>
          <ul className="json-view__problems-list">
            {problems.map((problem, index) => (
              <li key={index}>
                <button type="button" className="json-view__problem json-view__problem--error" onClick={() => reveal(problem.range)}>
                  <span className="json-view__where">{where(text, problem.range)}</span>
                  <span className="json-view__message">{problem.message}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  )
}

function StatusPill({ state, problems }: { state: TextState; problems: number }) {
  const [label, icon]: [string, IconName] =
    state === 'synced'
      ? ['In sync with the canvas', 'check']
      : state === 'pending'
        ? ['Checking…', 'circle']
        : [`Not applied: ${problems} problem${problems === 1 ? '' : 's'}`, 'alert']
  return (
    <span className={`json-view__status json-view__status--${state}`} role="status">
      <Icon name={icon} size={13} /> {label}
    </span>
  )
}

function toRange(model: monaco.editor.ITextModel, range: TextRange): monaco.IRange {
  const start = model.getPositionAt(range.offset)
  const end = model.getPositionAt(range.offset + range.length)
  return { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }
}

/** `12:5`: line and column of a range's start, as the editor counts them. */
function where(text: string, range: TextRange): string {
  const before = text.slice(0, range.offset)
  const line = before.split('\n').length
  return `${line}:${range.offset - before.lastIndexOf('\n')}`
}
