import { isDirty } from '../store/is-dirty'
import { hasErrors } from '@dunwell/journey'
import { useEditorStore, useDiagnostics, useHistory } from '../store'
import { Brand } from '../ui/Brand'
import { Icon } from '../ui/Icon'
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
  view: EditorView
  onView: (view: EditorView) => void
}

/** What the main area shows: the journey's steps, or the messages its steps send. */
export type EditorView = 'canvas' | 'templates'

export function Toolbar(props: ToolbarProps) {
  const { canUndo, canRedo, undo, redo } = useHistory()
  const diagnostics = useDiagnostics()
  const dirty = useEditorStore(isDirty)
  const hasDraft = useEditorStore((state) => state.meta.hasDraft)
  const { errors, warnings } = countProblems(diagnostics)
  const busy = props.status.state === 'saving' || props.status.state === 'publishing'
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
        <button type="button" className="button button--ghost" aria-pressed={props.view === 'canvas'} onClick={() => props.onView('canvas')} title="The journey's steps">
          <Icon name="git-branch" /> Canvas
        </button>
        <button type="button" className="button button--ghost" aria-pressed={props.view === 'templates'} onClick={() => props.onView('templates')} title="The messages the steps send">
          <Icon name="file-text" /> Templates
        </button>
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
        <button type="button" className="button button--ghost" onClick={props.onLayout} disabled={props.view !== 'canvas'} title="Arrange every step top to bottom">
          <Icon name="layout" /> Auto-layout
        </button>
        <button type="button" className="icon-button" onClick={props.onFit} disabled={props.view !== 'canvas'} aria-label="Zoom to fit" title="Zoom to fit">
          <Icon name="maximize" />
        </button>
      </div>
      <button
        type="button"
        className={`button button--ghost problems-toggle ${errors ? 'problems-toggle--error' : warnings ? 'problems-toggle--warning' : ''}`}
        onClick={props.onToggleProblems}
        aria-pressed={props.problemsOpen}
        aria-label={`Problems: ${errors} errors, ${warnings} warnings`}
      >
        <Icon name={errors || warnings ? 'alert' : 'check'} />
        {errors + warnings === 0 ? 'No problems' : `${errors + warnings} problem${errors + warnings === 1 ? '' : 's'}`}
      </button>
      <button type="button" className="icon-button" onClick={props.onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <Icon name="help" />
      </button>
      <span className="toolbar__divider" aria-hidden="true" />
      <button type="button" className="button" onClick={props.onSave} disabled={busy || !dirty} title="Save the draft (Ctrl+S)">
        <Icon name="save" /> Save draft
      </button>
      <button type="button" className="button button--primary" onClick={props.onPublish} disabled={busy || blocked || (!dirty && !hasDraft)} title={publishHint}>
        <Icon name="upload" /> Publish
      </button>
    </header>
  )
}
