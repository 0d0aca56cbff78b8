import { useCallback, useEffect, useRef, useState } from 'react'
import { changeJourneyStatus, describeError, listJourneys, type JourneySummary } from '../api/journeys-api'
import { journeyPath, navigate } from '../router'
import { SessionMenu } from '../session/SessionMenu'
import { useCan } from '../session/use-session'
import { Brand } from '../ui/Brand'
import { Icon } from '../ui/Icon'
import { ArchiveDialog } from './ArchiveDialog'
import { ImportPanel } from './ImportPanel'
import type { JourneyAction } from './JourneyActions'
import { duplicateJourney, exportLatest, renameJourney } from './journey-actions'
import { JourneyTable } from './JourneyTable'
import { NewJourneyForm } from './NewJourneyForm'
import { readImport, refuseLargeFile, type ImportVerdict } from './read-import'
import { RenameDialog } from './RenameDialog'

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; journeys: JourneySummary[] }
type Asking = { action: 'rename' | 'archive'; journey: JourneySummary }
type Notice = { tone: 'done' | 'error'; text: string; open?: string }

/** Every journey with its status and latest version; a new one starts from entry → exit, or from an imported file. */
export function JourneysScreen() {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  const [creating, setCreating] = useState(false)
  const canWrite = useCan('journeys:write')
  const canImportCases = useCan('cases:write')
  const [asking, setAsking] = useState<Asking | undefined>()
  const [busy, setBusy] = useState<string | undefined>()
  const [notice, setNotice] = useState<Notice | undefined>()
  const [verdict, setVerdict] = useState<ImportVerdict | undefined>()
  const fileInput = useRef<HTMLInputElement>(null)

  const reload = useCallback(async () => {
    try {
      setLoaded({ state: 'ready', journeys: await listJourneys() })
    } catch (error) {
      setLoaded({ state: 'failed', message: describeError(error) })
    }
  }, [])

  useEffect(() => {
    document.title = 'Dunwell · Journeys'
    void reload()
  }, [reload])

  const journeys = loaded.state === 'ready' ? loaded.journeys : []
  const taken = new Set(journeys.map((journey) => journey.id))

  /** Runs one action on a journey, then shows the list as the server now has it. */
  const run = async (journey: JourneySummary, work: () => Promise<Notice | undefined>) => {
    setBusy(journey.id)
    setNotice(undefined)
    let done: Notice | undefined
    try {
      done = await work()
    } catch (error) {
      done = { tone: 'error', text: `“${journey.name}”: ${describeError(error)}` }
    }
    // What is announced is already what the list shows.
    await reload()
    setBusy(undefined)
    setNotice(done)
  }

  const onAction = (journey: JourneySummary, action: JourneyAction) => {
    if (action === 'rename' || action === 'archive') return setAsking({ action, journey })
    if (action === 'duplicate')
      return void run(journey, async () => {
        const copy = await duplicateJourney(journey, taken)
        return { tone: 'done', text: `Duplicated as “${copy.name}”, a new draft.`, open: copy.id }
      })
    if (action === 'export')
      return void run(journey, async () => {
        await exportLatest(journey)
        return { tone: 'done', text: `Exported “${journey.name}” v${journey.latestVersion} as ${journey.id}-v${journey.latestVersion}.json.` }
      })
    return void run(journey, async () => {
      await changeJourneyStatus(journey.id, action)
      return {
        tone: 'done',
        text: action === 'pause' ? `Paused “${journey.name}”: it enrols no new cases.` : `Resumed “${journey.name}”: it enrols new cases again.`,
      }
    })
  }

  const onFile = async (file: File | undefined) => {
    if (!file) return
    setNotice(undefined)
    try {
      setVerdict(refuseLargeFile(file.name, file.size) ?? readImport(file.name, await file.text()))
    } catch (error) {
      setVerdict({ ok: false, file: file.name, message: `This file could not be read: ${describeError(error)}.` })
    }
  }

  return (
    <div className="page">
      <header className="page__bar">
        <Brand />
        <SessionMenu />
      </header>
      <main className="page__main">
        <div className="page__heading">
          <div>
            <h1>Journeys</h1>
            <p className="muted">Each journey walks overdue cases from an event to an outcome. Open one to edit its draft.</p>
          </div>
          <div className="page__actions">
            {canImportCases && (
              <a className="button" href="/import" onClick={(event) => (event.preventDefault(), navigate('/import'))}>
                <Icon name="upload" /> Import cases
              </a>
            )}
            {canWrite && (
              <button type="button" className="button" onClick={() => fileInput.current?.click()}>
                <Icon name="upload" /> Import a file
              </button>
            )}
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              hidden
              aria-label="Journey file to import"
              onChange={(event) => {
                void onFile(event.target.files?.[0])
                // The same file may be chosen again after a fix.
                event.target.value = ''
              }}
            />
            {canWrite && !creating && (
              <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
                New journey
              </button>
            )}
          </div>
        </div>
        {creating && <NewJourneyForm taken={taken} onCancel={() => setCreating(false)} onCreated={(id) => navigate(journeyPath(id))} />}
        {verdict && (
          <ImportPanel
            key={`${verdict.file}:${verdict.ok ? verdict.document.id : verdict.message}`}
            verdict={verdict}
            journeys={journeys}
            onClose={() => setVerdict(undefined)}
            onImported={(journey) => {
              setVerdict(undefined)
              setNotice({ tone: 'done', text: `Imported “${journey.name}” as a draft${journey.valid ? '' : ' (with problems to fix)'}.`, open: journey.id })
              void reload()
            }}
          />
        )}
        {notice && (
          // Over the page, not in its flow: the rows must not move under the pointer after an action.
          <p
            className={`notice notice--toast ${notice.tone === 'error' ? 'notice--error' : 'notice--done'}`}
            role={notice.tone === 'error' ? 'alert' : 'status'}
          >
            {notice.text}
            {notice.open && (
              <>
                {' '}
                <a href={journeyPath(notice.open)} onClick={(event) => (event.preventDefault(), navigate(journeyPath(notice.open!)))}>
                  Open it
                </a>
              </>
            )}
            <button type="button" className="icon-button notice__close" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
              <Icon name="x" size={14} />
            </button>
          </p>
        )}
        {loaded.state === 'loading' && <p className="muted">Loading journeys…</p>}
        {loaded.state === 'failed' && (
          <p className="notice notice--error" role="alert">
            The journeys could not be loaded: {loaded.message}
          </p>
        )}
        {loaded.state === 'ready' && <JourneyTable journeys={loaded.journeys} onAction={onAction} busy={busy} />}
      </main>
      {asking?.action === 'rename' && (
        <RenameDialog
          journey={asking.journey}
          onCancel={() => setAsking(undefined)}
          onRename={(name) => {
            setAsking(undefined)
            void run(asking.journey, async () => {
              await renameJourney(asking.journey.id, name)
              return {
                tone: 'done',
                text:
                  asking.journey.latestVersion === null ? `Renamed to “${name}”.` : `Renamed to “${name}” in the draft; publish it to rename the live version.`,
              }
            })
          }}
        />
      )}
      {asking?.action === 'archive' && (
        <ArchiveDialog
          journey={asking.journey}
          onCancel={() => setAsking(undefined)}
          onArchive={() => {
            setAsking(undefined)
            void run(asking.journey, async () => {
              await changeJourneyStatus(asking.journey.id, 'archive')
              return { tone: 'done', text: `Archived “${asking.journey.name}”.` }
            })
          }}
        />
      )}
    </div>
  )
}
