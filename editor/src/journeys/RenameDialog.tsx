import { useState } from 'react'
import type { JourneySummary } from '../api/journeys-api'
import { Dialog } from '../ui/Dialog'

/** A new name for a journey; for a published one, it is saved in the draft and goes live with the next publish. */
export function RenameDialog({ journey, onCancel, onRename }: { journey: JourneySummary; onCancel: () => void; onRename: (name: string) => void }) {
  const [name, setName] = useState(journey.name)
  const next = name.trim()
  const changed = next !== '' && next !== journey.name
  return (
    <Dialog
      title={`Rename “${journey.name}”`}
      onCancel={onCancel}
      onSubmit={() => changed && onRename(next)}
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!changed}>
            Rename
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="rename-journey">Name</label>
        <input
          id="rename-journey"
          autoFocus
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
          aria-describedby="rename-journey-help"
        />
        <span id="rename-journey-help" className="field__help">
          {journey.latestVersion === null
            ? 'The id stays the same, so the API and exported files still find it.'
            : `Saved in the draft: v${journey.latestVersion} keeps its name until you publish the draft. The id stays the same.`}
        </span>
      </div>
    </Dialog>
  )
}
