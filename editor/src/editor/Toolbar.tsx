import { isDirty } from '../store/is-dirty'
import { hasErrors } from '@dunwell/journey'
import { useEditorStore, useDiagnostics, useHistory } from '../store'
import { SessionMenu } from '../session/SessionMenu'
import { useCan } from '../session/use-session'
import { Brand } from '../ui/Brand'
import { Icon, type IconName } from '../ui/Icon'
import { JourneyName } from './JourneyName'
import { countProblems } from './ProblemsPanel'
import { SaveState } from './SaveState'
import type { SaveStatus } from './useDraftSaving'

interface ToolbarProps {
  status: SaveStatus
  onSave: () => void
  onPublish: () => void
  onLayout: () => void
  onFit: () => void
  problemsOpen: boolean
  onToggleProblems: () => void
  onHelp: () => void
  testRunOpen: boolean
  onToggleTestRun: () => void
  view: EditorView
  onView: (view: EditorView) => void
}

/** What the main area shows: the journey's steps, the messages its steps send, its settings, its JSON or versions. */
export type EditorView = 'canvas' | 'templates' | 'settings' | 'json' | 'versions'

const views: { view: EditorView; icon: IconName; label: string; title: string }[] = [
  { view: 'canvas', icon: 'git-branch', label: 'Canvas', title: "The journey's steps" },
  { view: 'templates', icon: 'file-text', label: 'Templates', title: 'The messages the steps send' },
  { view: 'settings', icon: 'sliders', label: 'Settings', title: 'Languages, goal, contact hours, stop rules and priority' },
  { view: 'json', icon: 'braces', label: 'JSON', title: 'The whole journey document as JSON' },
  { view: 'versions', icon: 'history', label: 'Versions', title: 'Published versions and what changed between them' },
]

export function Toolbar(props: ToolbarProps) {
  const { canUndo, canRedo, undo, redo } = useHistory()
  const diagnostics = useDiagnostics()
  const dirty = useEditorStore(isDirty)
  const hasDraft = useEditorStore((state) => state.meta.hasDraft)
  const { errors, warnings } = countProblems(diagnostics)
  const busy = props.status.state === 'saving' || props.status.state === 'publishing'
  // What the role may not do is not offered (the server refuses it anyway).
  const canSave = useCan('journeys:write')
  const canPublish = useCan('journeys:publish')
  const blocked = hasErrors(diagnostics)
  const publishHint = blocked
    ? `Fix ${errors} error${errors === 1 ? '' : 's'} to publish`
    : !dirty && !hasDraft
      ? 'Nothing new to publish: this is the latest version'
      : 'Publish as a new version'

  return (
    <header className="toolbar">
      <Brand />
      <span className="toolbar__divider" aria-hidden="true" />
      <JourneyName />
      <SaveState status={props.status} />
      <div className="toolbar__spacer" />
      <div className="toolbar__group view-switch" role="group" aria-label="Show">
        {views.map((item) => (
          <button
            key={item.view}
            type="button"
            className="button button--ghost"
            aria-pressed={props.view === item.view}
            onClick={() => props.onView(item.view)}
            title={item.title}
          >
            <Icon name={item.icon} /> <span className="view-switch__label">{item.label}</span>
          </button>
        ))}
      </div>
      <span className="toolbar__divider" aria-hidden="true" />
      <div className="toolbar__group" role="group" aria-label="History">
        <button type="button" className="icon-button" onClick={undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
          <Icon name="undo" />
        </button>
        <button type="button" className="icon-button" onClick={redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
          <Icon name="redo" />
        </button>
      </div>
      <div className="toolbar__group" role="group" aria-label="View">
        <button
          type="button"
          className="icon-button"
          onClick={props.onLayout}
          disabled={props.view !== 'canvas'}
          aria-label="Auto-layout"
          title="Arrange every step top to bottom"
        >
          <Icon name="layout" />
        </button>
        <button type="button" className="icon-button" onClick={props.onFit} disabled={props.view !== 'canvas'} aria-label="Zoom to fit" title="Zoom to fit">
          <Icon name="maximize" />
        </button>
      </div>
      <button
        type="button"
        className="button button--ghost"
        onClick={props.onToggleTestRun}
        aria-pressed={props.testRunOpen}
        disabled={props.view !== 'canvas'}
        title="Run a sample case through this draft on a virtual clock"
      >
        <Icon name="play" /> Test run
      </button>
      <button
        type="button"
        className={`button button--ghost problems-toggle ${errors ? 'problems-toggle--error' : warnings ? 'problems-toggle--warning' : ''}`}
        onClick={props.onToggleProblems}
        aria-pressed={props.problemsOpen}
        aria-label={`Problems: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}
      >
        <Icon name={errors || warnings ? 'alert' : 'check'} />
        {errors + warnings > 0 && <span className="problems-toggle__count">{errors + warnings}</span>}
        <span className="problems-toggle__words">{errors + warnings === 0 ? 'No problems' : `problem${errors + warnings === 1 ? '' : 's'}`}</span>
      </button>
      <button type="button" className="icon-button" onClick={props.onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <Icon name="help" />
      </button>
      <span className="toolbar__divider" aria-hidden="true" />
      {/* The button says where the work stands: there is something to save, it is being saved, or it is saved. */}
      {canSave && (
        <button
          type="button"
          className="button save-button"
          onClick={props.onSave}
          disabled={busy || !dirty}
          title={dirty ? 'Save the draft (Ctrl+S)' : 'Everything on screen is saved'}
        >
          <Icon name={dirty || busy ? 'save' : 'check'} /> {props.status.state === 'saving' ? 'Saving…' : dirty ? 'Save draft' : 'Saved'}
        </button>
      )}
      {canPublish && (
        <button
          type="button"
          className="button button--primary"
          onClick={props.onPublish}
          disabled={busy || blocked || (!dirty && !hasDraft)}
          title={publishHint}
        >
          <Icon name="upload" /> Publish
        </button>
      )}
      <SessionMenu />
    </header>
  )
}
