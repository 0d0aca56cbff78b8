import { describeNode, formatPath, type Diagnostic, type Journey } from '@dunwell/journey'
import { useState } from 'react'
import { describeError, saveDraft, type JourneySummary } from '../api/journeys-api'
import { problemText } from '../inspector/problem-text'
import { Dialog } from '../ui/Dialog'
import { Icon } from '../ui/Icon'
import { freeId, type ImportVerdict } from './read-import'

interface ImportPanelProps {
  verdict: ImportVerdict
  journeys: JourneySummary[]
  onClose: () => void
  onImported: (journey: { id: string; name: string; valid: boolean }) => void
}

/** Where a problem is: the step by kind and label (with its id), the edge or the field. */
function place(diagnostic: Diagnostic, document: Journey): string {
  const node = diagnostic.nodeId ? document.nodes.find((candidate) => candidate.id === diagnostic.nodeId) : undefined
  if (node) return `${describeNode(node)} (${node.id})`
  if (diagnostic.nodeId) return `step ${diagnostic.nodeId}`
  if (diagnostic.edgeId) return `edge ${diagnostic.edgeId}`
  return formatPath(diagnostic.path) || 'journey'
}

/** The report on a chosen file, and how to bring it in: as a draft, under its id or a free one. */
export function ImportPanel({ verdict, journeys, onClose, onImported }: ImportPanelProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [confirming, setConfirming] = useState(false)

  if (!verdict.ok) {
    return (
      <section className="card import-report import-report--refused" aria-label="Import report">
        <div className="import-report__head">
          <h2>
            <Icon name="alert" /> “{verdict.file}” cannot be imported
          </h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close the import report">
            <Icon name="x" />
          </button>
        </div>
        <p className="notice notice--error" role="alert">
          {verdict.message}
        </p>
        <p className="muted">Choose a journey exported from Dunwell (a version’s “Export” gives one).</p>
      </section>
    )
  }

  const { document, diagnostics, valid } = verdict
  const existing = journeys.find((journey) => journey.id === document.id)
  const taken = new Set(journeys.map((journey) => journey.id))
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length
  const warnings = diagnostics.length - errors

  const save = async (id: string) => {
    setBusy(true)
    setError(undefined)
    try {
      const name = id === document.id ? document.name : `${document.name} (imported)`.slice(0, 200)
      await saveDraft(id === document.id ? document : { ...document, id, name })
      onImported({ id, name, valid })
    } catch (failure) {
      setError(describeError(failure))
      setBusy(false)
    }
  }
  const copyId = freeId(document.id, taken)

  return (
    <section className="card import-report" aria-label="Import report">
      <div className="import-report__head">
        <h2>
          <Icon name={valid ? 'check' : 'alert'} /> “{document.name || document.id}” <span className="mono muted">{document.id}</span> from {verdict.file}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close the import report">
          <Icon name="x" />
        </button>
      </div>
      <p className={valid ? 'import-report__verdict import-report__verdict--valid' : 'import-report__verdict import-report__verdict--invalid'} role="status">
        {valid
          ? `A valid journey${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}: it can be saved as a draft and published.`
          : `${errors} error${errors === 1 ? '' : 's'}${warnings ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: it can be saved as an unfinished draft and fixed in the editor, but not published as it is.`}
        {verdict.migratedFrom !== undefined && ` Brought forward from format version ${verdict.migratedFrom}.`}
      </p>
      {diagnostics.length > 0 && (
        <ul className="import-report__problems" aria-label="Problems in the file">
          {diagnostics.map((diagnostic, index) => (
            <li key={index} className={`import-problem import-problem--${diagnostic.severity}`}>
              <span className="import-problem__place">{place(diagnostic, document)}</span>
              <span className="import-problem__message">
                {problemText(diagnostic, diagnostic.nodeId ? document.nodes.find((node) => node.id === diagnostic.nodeId) : undefined)}
              </span>
              <span className="import-problem__path mono">{formatPath(diagnostic.path)}</span>
            </li>
          ))}
        </ul>
      )}
      {existing && (
        <p className="notice">
          A journey with the id <span className="mono">{existing.id}</span> exists already (“{existing.name}”,{' '}
          {existing.latestVersion === null ? 'never published' : `v${existing.latestVersion} published`}
          {existing.status === 'archived' ? ', archived' : ''}).{' '}
          {existing.status === 'archived'
            ? 'It is archived, so it cannot take a new draft: import this file as a new journey.'
            : 'Replacing its draft keeps every published version; or import this file as a new journey.'}
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          Not imported: {error}
        </p>
      )}
      <div className="import-report__actions">
        <button type="button" className="button button--ghost" onClick={onClose}>
          Cancel
        </button>
        {existing ? (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => void save(copyId)}>
              Import as a new journey ({copyId})
            </button>
            {existing.status !== 'archived' && (
              <button type="button" className="button button--primary" disabled={busy} onClick={() => setConfirming(true)}>
                Replace the draft of “{existing.name}”…
              </button>
            )}
          </>
        ) : (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void save(document.id)}>
            {busy ? 'Importing…' : 'Save as a draft'}
          </button>
        )}
      </div>
      {confirming && existing && (
        <Dialog
          title={`Replace the draft of “${existing.name}”?`}
          onCancel={() => setConfirming(false)}
          onSubmit={() => {
            setConfirming(false)
            void save(document.id)
          }}
          actions={
            <>
              <button type="button" className="button button--ghost" onClick={() => setConfirming(false)} autoFocus>
                Cancel
              </button>
              <button type="submit" className="button button--primary">
                Replace draft
              </button>
            </>
          }
        >
          <p>
            {existing.hasDraft ? 'Its current draft is replaced by the file.' : 'The file becomes its draft.'}{' '}
            {existing.latestVersion === null
              ? 'It has no published version.'
              : `Its published versions (v1 to v${existing.latestVersion}) stay as they are; nothing goes live until you publish.`}
          </p>
        </Dialog>
      )}
    </section>
  )
}
