import { isDirty } from '../store/is-dirty'
import { useEditorStore } from '../store'
import { StatusBadge } from '../ui/StatusBadge'
import type { SaveStatus } from './useDraftSaving'

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

/** The journey's status and version, and whether the work on screen is saved. */
export function SaveState({ status }: { status: SaveStatus }) {
  const dirty = useEditorStore(isDirty)
  const meta = useEditorStore((state) => state.meta)
  const text =
    status.state === 'saving'
      ? 'Saving…'
      : status.state === 'publishing'
        ? 'Publishing…'
        : status.state === 'failed'
          ? status.message
          : dirty
            ? 'Unsaved changes'
            : status.state === 'published'
              ? `Published v${status.version}`
              : status.state === 'saved'
                ? `Saved ${timeFormat.format(status.at)}`
                : meta.hasDraft
                  ? 'Draft saved'
                  : 'Up to date'
  const tone = status.state === 'failed' ? 'error' : dirty ? 'dirty' : 'clean'
  return (
    <div className="save-state">
      {/* A journey never published runs for nobody yet: a draft, whatever its stored status. */}
      <StatusBadge status={meta.latestVersion === null ? 'draft' : meta.status} />
      {meta.latestVersion !== null && <span className="save-state__version">v{meta.latestVersion}</span>}
      <span className={`save-state__text save-state__text--${tone}`} role="status" aria-live="polite">
        {tone === 'dirty' && <span className="dot" aria-hidden="true" />}
        {text}
      </span>
    </div>
  )
}
