import type { VersionSummary } from '../api/versions-api'
import { Icon } from '../ui/Icon'

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

interface VersionHistoryProps {
  versions: VersionSummary[]
  /** The journey's status: the latest version is live while it is active. */
  status: string
  draft: string | undefined
  onCompare: (from: number, to: number | 'draft') => void
  onExport: (version: number) => void
  /** Takes a version's document into the draft (undoable, saved only when saved). */
  onRestore: (version: number) => void
}

/** Every published version, newest first: when, with what note, which one new cases enter. */
export function VersionHistory({ versions, status, draft, onCompare, onExport, onRestore }: VersionHistoryProps) {
  const latest = versions[0]?.version
  return (
    <aside className="version-history" aria-label="Version history">
      <h2 className="panel-title">History</h2>
      <ol className="version-list">
        {draft && latest !== undefined && (
          <li className="version version--draft">
            <div className="version__head">
              <span className="version__number">Draft</span>
              <span className="badge badge--draft">not published</span>
            </div>
            <p className="version__note muted">{draft}</p>
            <div className="version__actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => onCompare(latest, 'draft')}
                aria-label={`Compare the draft with v${latest}`}
              >
                Changes since v{latest}
              </button>
            </div>
          </li>
        )}
        {versions.map((version) => (
          <li key={version.version} className="version">
            <div className="version__head">
              <span className="version__number">v{version.version}</span>
              {version.version === latest && (
                <span className={`badge badge--${status === 'active' ? 'active' : status}`}>{status === 'active' ? 'live' : status}</span>
              )}
              <time className="version__time muted" dateTime={version.publishedAt}>
                {dateFormat.format(new Date(version.publishedAt))}
              </time>
            </div>
            <p className={version.note ? 'version__note' : 'version__note muted'}>{version.note || 'No note'}</p>
            <div className="version__actions">
              {version.version > 1 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onCompare(version.version - 1, version.version)}
                  aria-label={`Changes in v${version.version}`}
                >
                  Changes
                </button>
              )}
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => onExport(version.version)}
                aria-label={`Export v${version.version}`}
                title={`Download v${version.version} as a JSON file`}
              >
                <Icon name="download" size={14} /> Export
              </button>
              {(version.version !== latest || draft) && (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => onRestore(version.version)}
                  aria-label={`Restore v${version.version} into the draft`}
                  title={`Make v${version.version} the draft again (undoable; nothing goes live until you publish)`}
                >
                  <Icon name="undo" size={14} /> Restore
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </aside>
  )
}
