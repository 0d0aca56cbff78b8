import { useEffect, useState } from 'react'
import { describeError, listJourneys, type JourneySummary } from '../api/journeys-api'
import { journeyPath, navigate } from '../router'
import { Brand } from '../ui/Brand'
import { JourneyTable } from './JourneyTable'
import { NewJourneyForm } from './NewJourneyForm'

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; journeys: JourneySummary[] }

/** Every journey with its status and latest version; a new one starts from entry → exit. */
export function JourneysScreen() {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  const [creating, setCreating] = useState(false)

  useEffect(() => {
    document.title = 'Dunwell · Journeys'
    let live = true
    listJourneys().then(
      (journeys) => live && setLoaded({ state: 'ready', journeys }),
      (error: unknown) => live && setLoaded({ state: 'failed', message: describeError(error) }),
    )
    return () => void (live = false)
  }, [])

  const taken = loaded.state === 'ready' ? new Set(loaded.journeys.map((journey) => journey.id)) : new Set<string>()
  return (
    <div className="page">
      <header className="page__bar">
        <Brand />
      </header>
      <main className="page__main">
        <div className="page__heading">
          <div>
            <h1>Journeys</h1>
            <p className="muted">Each journey walks overdue cases from an event to an outcome. Open one to edit its draft.</p>
          </div>
          {!creating && (
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              New journey
            </button>
          )}
        </div>
        {creating && <NewJourneyForm taken={taken} onCancel={() => setCreating(false)} onCreated={(id) => navigate(journeyPath(id))} />}
        {loaded.state === 'loading' && <p className="muted">Loading journeys…</p>}
        {loaded.state === 'failed' && (
          <p className="notice notice--error" role="alert">
            The journeys could not be loaded: {loaded.message}
          </p>
        )}
        {loaded.state === 'ready' && <JourneyTable journeys={loaded.journeys} />}
      </main>
    </div>
  )
}
