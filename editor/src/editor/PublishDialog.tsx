import { diffJourneys, isMoveOnly, type JourneyChange } from '@dunwell/journey'
import { useEffect, useState } from 'react'
import { loadVersion } from '../api/versions-api'
import { useEditorStore } from '../store'
import { Dialog } from '../ui/Dialog'
import { entryOf, overlappingJourneys, type Overlap } from './overlapping-journeys'
import { overlapOutcome, overlapWords } from './overlap-words'

type Changes = { state: 'loading' } | { state: 'first' } | { state: 'ready'; changes: JourneyChange[]; moved: number } | { state: 'unknown' }

const SHOWN = 6

/** Publishing asks for a note (why this version), and shows what changes since the live version. */
export function PublishDialog({ onCancel, onPublish }: { onCancel: () => void; onPublish: (note: string) => void }) {
  const [note, setNote] = useState('')
  const document = useEditorStore((state) => state.document)
  const latest = useEditorStore((state) => state.meta.latestVersion)
  const [changes, setChanges] = useState<Changes>(latest === null ? { state: 'first' } : { state: 'loading' })
  const [overlaps, setOverlaps] = useState<Overlap[]>([])

  // Other running journeys that start on the same event: the warning says what the runtime's governance does.
  useEffect(() => {
    let live = true
    overlappingJourneys(document).then(
      (found) => live && setOverlaps(found),
      () => undefined,
    )
    return () => void (live = false)
  }, [document])

  useEffect(() => {
    if (latest === null) return
    let live = true
    loadVersion(document.id, latest).then(
      (version) => {
        if (!live) return
        // Steps only dragged elsewhere change nothing for cases: counted, not listed.
        const all = diffJourneys(version.document, document)
        setChanges({ state: 'ready', changes: all.filter((change) => !isMoveOnly(change)), moved: all.filter(isMoveOnly).length })
      },
      () => live && setChanges({ state: 'unknown' }),
    )
    return () => void (live = false)
  }, [document, latest])

  const next = (latest ?? 0) + 1
  const own = { name: document.name, priority: document.settings.priority }
  const outcomes = overlaps.map((overlap) => ({ overlap, outcome: overlapOutcome(own, overlap) }))
  return (
    <Dialog
      title={`Publish version ${next}`}
      className="publish-dialog"
      onCancel={onCancel}
      onSubmit={() => onPublish(note.trim())}
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary">
            Publish v{next}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="publish-note">Note</label>
        <textarea
          id="publish-note"
          autoFocus
          rows={3}
          maxLength={2000}
          value={note}
          placeholder="What changed and why, for the version history"
          onChange={(event) => setNote(event.target.value)}
          onKeyDown={(event) => {
            // Enter alone makes a new line; Ctrl+Enter publishes, as in most note fields.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault()
              event.currentTarget.form?.requestSubmit()
            }
          }}
          aria-describedby="publish-note-help"
        />
        <span id="publish-note-help" className="field__help">
          Optional. Ctrl+Enter publishes, Esc cancels. Cases that enter from now on follow the new version.
        </span>
      </div>
      {outcomes.length > 0 && (
        <div className="notice notice--warning publish-dialog__overlap" role="note" aria-label={overlapWords.intro(entryOf(document)?.event ?? '')}>
          <p>{overlapWords.intro(entryOf(document)?.event ?? '')}</p>
          <ul>
            {outcomes.map(({ overlap, outcome }) => (
              <li key={overlap.id}>
                {outcome.text}
                {overlap.when && (
                  <span className="muted">
                    {' '}
                    ({overlapWords.onlyWhere(overlap.name)} <span className="mono">{overlap.when}</span>)
                  </span>
                )}
              </li>
            ))}
          </ul>
          {outcomes.some(({ outcome }) => outcome.both) && <p>{overlapWords.cap}</p>}
          <p>{overlapWords.hint}</p>
        </div>
      )}
      <div className="publish-dialog__changes" aria-live="polite">
        {changes.state === 'first' && <p className="muted">This is the journey’s first version.</p>}
        {changes.state === 'loading' && <p className="muted">Comparing with v{latest}…</p>}
        {changes.state === 'unknown' && <p className="muted">The changes since v{latest} could not be loaded.</p>}
        {changes.state === 'ready' && (
          <>
            <h3 className="dialog__section">
              {changes.changes.length === 0
                ? `No changes since v${latest}`
                : `${changes.changes.length} change${changes.changes.length === 1 ? '' : 's'} since v${latest}`}
              {changes.moved > 0 && `, ${changes.moved} step${changes.moved === 1 ? '' : 's'} moved`}
            </h3>
            <ul className="change-list change-list--compact">
              {changes.changes.slice(0, SHOWN).map((change, index) => (
                <li key={index} className={`change change--${change.kind}`}>
                  {change.message}
                </li>
              ))}
              {changes.changes.length > SHOWN && <li className="muted">and {changes.changes.length - SHOWN} more (see Versions)</li>}
              {changes.changes.length === 0 && changes.moved > 0 && <li className="muted">Only the layout changed: no case walks differently.</li>}
            </ul>
          </>
        )}
      </div>
    </Dialog>
  )
}
