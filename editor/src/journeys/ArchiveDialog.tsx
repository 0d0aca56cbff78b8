import type { JourneySummary } from '../api/journeys-api'
import { Dialog } from '../ui/Dialog'

/** Archiving is final: asked for once more, with what it means. */
export function ArchiveDialog({ journey, onCancel, onArchive }: { journey: JourneySummary; onCancel: () => void; onArchive: () => void }) {
  return (
    <Dialog
      title={`Archive “${journey.name}”?`}
      onCancel={onCancel}
      onSubmit={onArchive}
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={onCancel} autoFocus>
            Keep it
          </button>
          <button type="submit" className="button button--danger">
            Archive
          </button>
        </>
      }
    >
      <p>No new cases will enter it, and it can no longer be edited or published. This cannot be undone.</p>
      <p className="muted">
        {journey.latestVersion === null
          ? 'It was never published.'
          : `Its ${journey.latestVersion} published version${journey.latestVersion === 1 ? '' : 's'} stay readable and can still be exported.`}
      </p>
    </Dialog>
  )
}
