import type { JourneySummary } from '../api/journeys-api'
import { useCan } from '../session/use-session'
import { Icon, type IconName } from '../ui/Icon'

export type JourneyAction = 'rename' | 'duplicate' | 'pause' | 'resume' | 'export' | 'archive'

/**
 * A row's actions; what a journey's status does not allow is not offered (an archived journey is read-only), nor
 * what the signed-in role may not do.
 */
export function JourneyActions({ journey, onAction, busy }: { journey: JourneySummary; onAction: (action: JourneyAction) => void; busy: boolean }) {
  const archived = journey.status === 'archived'
  const published = journey.latestVersion !== null
  const canWrite = useCan('journeys:write')
  const canPublish = useCan('journeys:publish')
  const button = (action: JourneyAction, icon: IconName, label: string, title: string, enabled = true) => (
    <button
      type="button"
      className="icon-button"
      aria-label={`${label} ${journey.name}`}
      title={title}
      disabled={busy || !enabled}
      onClick={(event) => {
        event.stopPropagation()
        onAction(action)
      }}
    >
      <Icon name={icon} />
    </button>
  )
  return (
    <span className="journey-actions" role="group" aria-label={`Actions for ${journey.name}`}>
      {canWrite && button('rename', 'pencil', 'Rename', archived ? 'An archived journey cannot be renamed' : 'Rename', !archived)}
      {canWrite && button('duplicate', 'copy', 'Duplicate', 'Duplicate as a new draft')}
      {!canPublish
        ? null
        : journey.status === 'paused'
          ? button('resume', 'play', 'Resume', 'Resume: enrol new cases again')
          : button(
              'pause',
              'pause',
              'Pause',
              published
                ? archived
                  ? 'Archived journeys stay stopped'
                  : 'Pause: enrol no new cases (cases already in it go on)'
                : 'Only a published journey can be paused',
              published && !archived,
            )}
      {button('export', 'download', 'Export', published ? `Export v${journey.latestVersion} as a JSON file` : 'Nothing published to export yet', published)}
      {canPublish && button('archive', 'archive', 'Archive', archived ? 'Archived already' : 'Archive: retire this journey', !archived)}
    </span>
  )
}
