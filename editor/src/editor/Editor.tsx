import { isDirty } from '../store/is-dirty'
import { useReactFlow } from '@xyflow/react'
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { HelpOverlay } from '../canvas/HelpOverlay'
import { FIT_VIEW, JourneyCanvas } from '../canvas/JourneyCanvas'
import { Palette } from '../canvas/Palette'
import { confirmLeavingJson, hasUnappliedText } from '../json-view/leave-guard'
import { setNavigationGuard } from '../router'
import { useEditorStore, useEditorStoreApi } from '../store'
import { Inspector } from '../inspector/Inspector'
import type { ProblemTarget } from './problem-target'
import { ProblemsPanel } from './ProblemsPanel'
import { PublishDialog } from './PublishDialog'
import { Toolbar, type EditorView } from './Toolbar'
import { useDraftSaving } from './useDraftSaving'
import { useShortcuts } from './useShortcuts'

const FIT = { ...FIT_VIEW, duration: 300 }

// Monaco is large: it loads the first time the templates are opened.
const TemplatesPanel = lazy(() => import('../templates/TemplatesPanel'))
const DocumentView = lazy(() => import('../json-view/DocumentView'))
const VersionsPanel = lazy(() => import('../versions/VersionsPanel'))
const TestRunPanel = lazy(() => import('../testrun/TestRunPanel'))
const SettingsScreen = lazy(() => import('../settings/SettingsScreen'))

/** The editor screen of one journey: toolbar, palette, canvas and problems. */
export function Editor() {
  const store = useEditorStoreApi()
  const { fitView } = useReactFlow()
  const { status, save, publish } = useDraftSaving()
  // Open when there is something to fix; the toolbar's counter opens it later.
  const [problemsOpen, setProblemsOpen] = useState(() => store.getState().diagnostics.length > 0)
  const [helpOpen, setHelpOpen] = useState(false)
  const [view, setView] = useState<EditorView>('canvas')
  const [testRunOpen, setTestRunOpen] = useState(false)
  const [publishing, setPublishing] = useState(false)
  // A template a problem is about, or the settings screen links to: the templates view opens on it (`at` tells a
  // second click from the first).
  const [shownTemplate, setShownTemplate] = useState<{ id: string; at: number }>()
  const name = useEditorStore((state) => state.document.name)
  const dirty = useEditorStore(isDirty)
  // One step, or one arrow (an arrow the canvas cannot draw is fixed there).
  const inspecting =
    useEditorStore((state) => state.selection.nodes.length === 1 || (state.selection.nodes.length === 0 && state.selection.edges.length === 1)) &&
    view === 'canvas'

  const onSave = useCallback(() => void save(), [save])
  const onToggleHelp = useCallback(() => setHelpOpen((open) => !open), [])
  const onEscape = useCallback(() => setHelpOpen(false), [])
  useShortcuts({ onSave, onToggleHelp, onEscape, canvas: view === 'canvas' })

  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${name} · Dunwell`
  }, [dirty, name])

  // Unsaved work is not lost by accident: closing the tab or leaving for the list asks first.
  useEffect(() => {
    const unsaved = () => isDirty(store.getState())
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (unsaved() || hasUnappliedText()) event.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    setNavigationGuard(() => confirmLeavingJson() && (!unsaved() || window.confirm('Leave this journey? Your unsaved changes will be lost.')))
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      setNavigationGuard(undefined)
    }
  }, [store])

  const onLayout = useCallback(() => {
    store.getState().applyChange({ type: 'auto-layout' })
    // React Flow sees the new positions on the next frame.
    requestAnimationFrame(() => void fitView(FIT))
  }, [fitView, store])

  const onView = useCallback(
    (next: EditorView) => {
      // Text in the JSON view that is no journey yet is not dropped without asking.
      if (next !== 'json' && !confirmLeavingJson()) return
      // Steps out of sight stay unselected: a key pressed among the templates must not delete them. A setting a
      // problem selected stays, for the view that shows it.
      const { select, selection } = store.getState()
      if (next !== 'canvas') select({ nodes: [], edges: [], ...(selection.setting ? { setting: selection.setting } : {}) })
      setView(next)
    },
    [store],
  )

  // A setting a problem is about: the settings screen shows and focuses it.
  const setting = useEditorStore((state) => state.selection.setting)
  useEffect(() => {
    if (setting && confirmLeavingJson()) setView('settings')
  }, [setting])

  const onOpenTemplate = useCallback(
    (id: string) => {
      setShownTemplate((current) => ({ id, at: (current?.at ?? 0) + 1 }))
      onView('templates')
    },
    [onView],
  )

  // What a problem is about, in the view that shows it (a setting is for the settings view to show).
  const onShowProblem = useCallback(
    (target: ProblemTarget) => {
      if (target.kind === 'template') {
        setShownTemplate((current) => ({ id: target.id, at: (current?.at ?? 0) + 1 }))
        onView('templates')
      } else if (target.kind !== 'setting') onView('canvas')
    },
    [onView],
  )

  // A step named in the versions' diff, shown on the canvas with its inspector.
  const onShowNode = useCallback(
    (id: string) => {
      store.getState().select({ nodes: [id], edges: [] })
      setView('canvas')
    },
    [store],
  )

  const toolbar = (
    <Toolbar
      status={status}
      onSave={onSave}
      onPublish={() => setPublishing(true)}
      onLayout={onLayout}
      onFit={() => void fitView(FIT)}
      problemsOpen={problemsOpen}
      onToggleProblems={() => setProblemsOpen((open) => !open)}
      onHelp={onToggleHelp}
      view={view}
      onView={onView}
      testRunOpen={testRunOpen}
      onToggleTestRun={() => setTestRunOpen((open) => !open)}
    />
  )

  const publishDialog = publishing && (
    <PublishDialog
      onCancel={() => setPublishing(false)}
      onPublish={(note) => {
        setPublishing(false)
        void publish(note)
      }}
    />
  )

  if (view !== 'canvas') {
    const loading = <p className="muted editor__loading">Loading…</p>
    return (
      <div className={`editor editor--${view} ${problemsOpen ? 'editor--side' : ''}`}>
        {toolbar}
        <Suspense fallback={loading}>
          {view === 'templates' ? (
            <TemplatesPanel key={shownTemplate?.at} show={shownTemplate?.id} />
          ) : view === 'settings' ? (
            <SettingsScreen onOpenTemplate={onOpenTemplate} />
          ) : view === 'json' ? (
            <DocumentView />
          ) : (
            <VersionsPanel onShowNode={onShowNode} />
          )}
        </Suspense>
        {problemsOpen && (
          <div className="editor__side">
            <ProblemsPanel onClose={() => setProblemsOpen(false)} onShow={onShowProblem} />
          </div>
        )}
        {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
        {publishDialog}
      </div>
    )
  }

  return (
    <div className={`editor ${problemsOpen || inspecting || testRunOpen ? 'editor--side' : ''}`}>
      {toolbar}
      <Palette />
      <main className="editor__canvas">
        <JourneyCanvas />
      </main>
      {(problemsOpen || inspecting || testRunOpen) && (
        <div className="editor__side">
          {testRunOpen && (
            <Suspense fallback={<p className="muted editor__loading">Loading…</p>}>
              <TestRunPanel onClose={() => setTestRunOpen(false)} />
            </Suspense>
          )}
          {inspecting && !testRunOpen && <Inspector />}
          {problemsOpen && <ProblemsPanel onClose={() => setProblemsOpen(false)} onShow={onShowProblem} />}
        </div>
      )}
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      {publishDialog}
    </div>
  )
}
