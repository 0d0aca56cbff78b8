import { useEffect, useRef, useState } from 'react'
import { navigate } from '../router'
import { SessionMenu } from '../session/SessionMenu'
import { Brand } from '../ui/Brand'
import { Icon } from '../ui/Icon'
import { listMappings, saveMapping, sendImport, type ImportReport, type ImportSettings, type SavedMapping } from './import-api'
import { ColumnMapping, columnMapOf } from './ColumnMapping'
import { ImportPreview, ImportProblems } from './ImportPreview'
import { SettingsPanel, settingsOf } from './SettingsPanel'
import { language, t } from './strings'

type Stage =
  | { state: 'empty' }
  | { state: 'reading' }
  | { state: 'failed'; message: string }
  | { state: 'preview'; report: ImportReport }
  | { state: 'importing'; report: ImportReport; share: number }
  | { state: 'done'; report: ImportReport; result: ImportReport }

/**
 * Import cases from a file: a dry run first, showing how the file was read and what would be stored, every choice
 * changeable (each change reads the file again); then the import itself, with its progress and its report.
 */
export function ImportScreen() {
  const [file, setFile] = useState<File | undefined>()
  const [stage, setStage] = useState<Stage>({ state: 'empty' })
  const [chosen, setChosen] = useState<ImportSettings>({})
  const [columns, setColumns] = useState<Record<string, string>>({})
  const [mapping, setMapping] = useState<string>('')
  const [mappings, setMappings] = useState<SavedMapping[]>([])
  const [mappingName, setMappingName] = useState('')
  const [notice, setNotice] = useState<string | undefined>()
  const [allOrNothing, setAllOrNothing] = useState(false)
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const run = useRef(0)

  useEffect(() => {
    document.title = `Dunwell · ${t.title}`
    document.documentElement.lang = language
    listMappings().then(setMappings, () => setMappings([]))
  }, [])

  /** A dry run with these choices; an answer to an older run is dropped. */
  const dryRun = async (next: { file: File; chosen: ImportSettings; columns: Record<string, string>; mapping: string }) => {
    const mine = ++run.current
    setStage((current) => (current.state === 'preview' ? current : { state: 'reading' }))
    try {
      const report = await sendImport({
        file: next.file,
        dryRun: true,
        settings: next.chosen,
        columns: next.columns,
        ...(next.mapping ? { mapping: next.mapping } : {}),
      })
      if (mine === run.current) setStage({ state: 'preview', report })
    } catch (error) {
      if (mine === run.current) setStage({ state: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }

  const onFile = (picked: File | undefined) => {
    if (!picked) return
    setFile(picked)
    setNotice(undefined)
    setStage({ state: 'reading' })
    void dryRun({ file: picked, chosen, columns, mapping })
  }

  const change = (next: { chosen?: ImportSettings; columns?: Record<string, string>; mapping?: string }) => {
    const merged = { chosen: next.chosen ?? chosen, columns: next.columns ?? columns, mapping: next.mapping ?? mapping }
    setChosen(merged.chosen)
    setColumns(merged.columns)
    setMapping(merged.mapping)
    if (file) void dryRun({ file, ...merged })
  }

  const report = stage.state === 'preview' || stage.state === 'importing' || stage.state === 'done' ? stage.report : undefined

  const startImport = async () => {
    if (!file || !report) return
    setStage({ state: 'importing', report, share: 0 })
    try {
      // What the preview showed is what is imported: every setting and column as the dry run used them.
      const result = await sendImport({ file, dryRun: false, settings: settingsOf(report), columns: columnMapOf(report), allOrNothing }, (share) =>
        setStage((current) => (current.state === 'importing' ? { ...current, share } : current)),
      )
      setStage({ state: 'done', report, result })
    } catch (error) {
      setStage({ state: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }

  const onSaveMapping = async () => {
    if (!report || !mappingName.trim()) return
    try {
      await saveMapping(mappingName.trim(), columnMapOf(report), settingsOf(report))
      setNotice(t.mappingSaved(mappingName.trim()))
      setMappings(await listMappings())
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error))
    }
  }

  const reset = () => {
    run.current++
    setFile(undefined)
    setStage({ state: 'empty' })
    setChosen({})
    setColumns({})
    setMapping('')
    setNotice(undefined)
  }

  return (
    <div className="page">
      <header className="page__bar">
        <Brand />
        <SessionMenu />
      </header>
      <main className="page__main import">
        <div className="page__heading">
          <div>
            <a href="/" className="import__back" onClick={(event) => (event.preventDefault(), navigate('/'))}>
              <Icon name="arrow-left" size={14} /> {t.back}
            </a>
            <h1>{t.title}</h1>
            <p className="muted">{t.intro}</p>
          </div>
          {file && (
            <div className="page__actions">
              <button type="button" className="button" onClick={reset}>
                {t.anotherFile}
              </button>
            </div>
          )}
        </div>

        {!file && (
          <div
            className={`import__drop${dragging ? ' import__drop--over' : ''}`}
            onDragOver={(event) => (event.preventDefault(), setDragging(true))}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault()
              setDragging(false)
              onFile(event.dataTransfer.files[0])
            }}
          >
            <Icon name="upload" size={28} />
            <p>
              {t.drop}{' '}
              <button type="button" className="link-button" onClick={() => input.current?.click()}>
                {t.choose}
              </button>
              .
            </p>
          </div>
        )}
        <input
          ref={input}
          type="file"
          hidden
          accept=".csv,.tsv,.txt,.jsonl,.ndjson,.xlsx,text/csv,text/tab-separated-values,application/x-ndjson,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={t.fileInput}
          onChange={(event) => {
            onFile(event.target.files?.[0])
            event.target.value = ''
          }}
        />

        {stage.state === 'reading' && (
          <p className="muted" role="status">
            {t.reading}
          </p>
        )}
        {stage.state === 'failed' && (
          <p className="notice notice--error" role="alert">
            {t.failed} {stage.message}
          </p>
        )}

        {report && file && (
          <>
            {stage.state !== 'done' && (
              <section className="card import__summary" aria-label={t.file}>
                <dl>
                  <div>
                    <dt>{t.file}</dt>
                    <dd>{file.name}</dd>
                  </div>
                  <div>
                    <dt>{t.format}</dt>
                    <dd>{report.format.toUpperCase()}</dd>
                  </div>
                  <div>
                    <dt>{t.rows}</dt>
                    <dd data-testid="rows">{report.rows}</dd>
                  </div>
                  <div>
                    <dt>{t.create}</dt>
                    <dd data-testid="count-create">{report.counts.create}</dd>
                  </div>
                  <div>
                    <dt>{t.update}</dt>
                    <dd data-testid="count-update">{report.counts.update}</dd>
                  </div>
                  <div>
                    <dt>{t.refuse}</dt>
                    <dd data-testid="count-refuse" className={report.counts.refuse > 0 ? 'import__bad' : ''}>
                      {report.counts.refuse}
                    </dd>
                  </div>
                </dl>
              </section>
            )}

            {stage.state === 'done' ? (
              <>
                <section className="card import__done" aria-labelledby="import-done">
                  <h2 id="import-done">{t.doneHeading}</h2>
                  <p className="muted">{file.name}</p>
                  {!stage.result.stored && <p className="notice notice--error">{t.notStored}</p>}
                  <p role="status">
                    <strong>{stage.result.counts.create}</strong> {t.created} · <strong>{stage.result.counts.update}</strong> {t.updated} ·{' '}
                    <strong>{stage.result.counts.refuse}</strong> {t.refused}
                  </p>
                  {stage.result.reportUrl && (
                    <a className="button" href={stage.result.reportUrl} download>
                      {t.download}
                    </a>
                  )}
                </section>
                {stage.result.problems.length > 0 && <ImportProblems report={stage.result} />}
              </>
            ) : (
              <>
                <div className="import__grid">
                  <SettingsPanel report={report} onChange={(name, value) => change({ chosen: { ...chosen, [name]: value } })} />
                  <section className="card import__mappings" aria-labelledby="import-mappings">
                    <h2 id="import-mappings">{t.mappingHeading}</h2>
                    <label className="field">
                      <span>{t.mappingPick}</span>
                      <select value={mapping} onChange={(event) => change({ mapping: event.target.value, chosen: {}, columns: {} })}>
                        <option value="">{t.mappingNone}</option>
                        {mappings.map((saved) => (
                          <option key={saved.name} value={saved.name}>
                            {saved.name}
                          </option>
                        ))}
                      </select>
                    </label>
                    <div className="import__save">
                      <label className="field">
                        <span>{t.mappingName}</span>
                        <input value={mappingName} onChange={(event) => setMappingName(event.target.value)} maxLength={100} />
                      </label>
                      <button type="button" className="button" disabled={!mappingName.trim()} onClick={() => void onSaveMapping()}>
                        {t.mappingSave}
                      </button>
                    </div>
                    {notice && (
                      <p role="status" className="muted">
                        {notice}
                      </p>
                    )}
                  </section>
                </div>
                <ColumnMapping report={report} onChange={(header, target) => change({ columns: { ...columns, [header]: target } })} />
                <ImportPreview report={report} />
                <ImportProblems report={report} />
                <section className="card import__go">
                  <label className="import__check">
                    <input type="checkbox" checked={allOrNothing} onChange={(event) => setAllOrNothing(event.target.checked)} /> {t.allOrNothing}
                  </label>
                  {stage.state === 'importing' ? (
                    <div className="import__progress">
                      <progress aria-label={t.progress} max={1} value={stage.share} />
                      <span className="muted">
                        {t.importing} {Math.round(stage.share * 100)} %
                      </span>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="button button--primary"
                      disabled={report.counts.create + report.counts.update === 0}
                      onClick={() => void startImport()}
                    >
                      {t.importButton(report.counts.create + report.counts.update)}
                    </button>
                  )}
                </section>
              </>
            )}
          </>
        )}
      </main>
    </div>
  )
}
