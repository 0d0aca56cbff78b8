import { useState, type FormEvent } from 'react'
import { describeError, saveDraft } from '../api/journeys-api'
import { newJourney, slugify } from './new-journey'

/** Name a journey; its id follows the name unless edited. Saved at once as a draft, then opened. */
export function NewJourneyForm({ taken, onCancel, onCreated }: { taken: Set<string>; onCancel: () => void; onCreated: (id: string) => void }) {
  const [name, setName] = useState('')
  const [customId, setCustomId] = useState<string | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const id = customId ?? slugify(name)
  const clash = taken.has(id)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim() || clash) return
    setBusy(true)
    setError(undefined)
    try {
      await saveDraft(newJourney(id, name.trim()))
      onCreated(id)
    } catch (failure) {
      setError(describeError(failure))
      setBusy(false)
    }
  }

  return (
    <form className="card new-journey" onSubmit={submit} aria-label="New journey">
      <div className="field">
        <label htmlFor="new-journey-name">Name</label>
        <input
          id="new-journey-name"
          autoFocus
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Friendly reminder for first-time late payers"
          maxLength={200}
          required
        />
      </div>
      <div className="field field--narrow">
        <label htmlFor="new-journey-id">Id</label>
        <input
          id="new-journey-id"
          className="mono"
          value={id}
          onChange={(event) => setCustomId(slugify(event.target.value))}
          aria-invalid={clash}
          aria-describedby="new-journey-id-help"
        />
        <span id="new-journey-id-help" className={clash ? 'field__error' : 'field__help'}>
          {clash ? 'A journey with this id exists already' : 'Used in the API and in exported files'}
        </span>
      </div>
      <div className="new-journey__actions">
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy || !name.trim() || clash}>
          {busy ? 'Creating…' : 'Create and open'}
        </button>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
