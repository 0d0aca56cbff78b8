import { ReactFlowProvider } from '@xyflow/react'
import { useEffect, useState } from 'react'
import { describeError, loadJourney, type LoadedJourney } from '../api/journeys-api'
import { EditorStoreProvider } from '../store'
import { Brand } from '../ui/Brand'
import { Editor } from './Editor'

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; journey: LoadedJourney }

/** Loads one journey's working copy (its draft, else its latest version) and opens it in a fresh editor store. */
export function EditorScreen({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })

  useEffect(() => {
    let live = true
    loadJourney(id).then(
      (journey) => live && setLoaded({ state: 'ready', journey }),
      (error: unknown) => live && setLoaded({ state: 'failed', message: describeError(error) }),
    )
    return () => void (live = false)
  }, [id])

  if (loaded.state !== 'ready' || !loaded.journey.document) {
    const message =
      loaded.state === 'loading'
        ? 'Opening the journey…'
        : loaded.state === 'failed'
          ? `The journey could not be opened: ${loaded.message}`
          : 'This journey has no document yet.'
    return (
      <div className="page">
        <header className="page__bar">
          <Brand />
        </header>
        <main className="page__main">
          <p className={loaded.state === 'loading' ? 'muted' : 'notice notice--error'} role={loaded.state === 'loading' ? 'status' : 'alert'}>
            {message}
          </p>
        </main>
      </div>
    )
  }
  const { document, status, latestVersion, hasDraft } = loaded.journey
  return (
    <EditorStoreProvider document={document} meta={{ status, latestVersion, hasDraft }}>
      <ReactFlowProvider>
        <Editor />
      </ReactFlowProvider>
    </EditorStoreProvider>
  )
}
