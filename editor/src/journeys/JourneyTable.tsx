import type { JourneySummary } from '../api/journeys-api'
import { journeyPath, navigate } from '../router'
import { StatusBadge } from '../ui/StatusBadge'
import { JourneyActions, type JourneyAction } from './JourneyActions'

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function JourneyTable({
  journeys,
  onAction,
  busy,
}: {
  journeys: JourneySummary[]
  onAction: (journey: JourneySummary, action: JourneyAction) => void
  busy?: string | undefined
}) {
  if (journeys.length === 0) return <p className="empty">No journeys yet. Create the first one to start drawing.</p>
  return (
    <table className="journeys">
      <thead>
        <tr>
          <th scope="col">Journey</th>
          <th scope="col">Status</th>
          <th scope="col">Latest version</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {journeys.map((journey) => (
          <tr key={journey.id} onClick={() => navigate(journeyPath(journey.id))}>
            <td>
              <div className="journeys__name">{journey.name}</div>
              <div className="journeys__id mono">{journey.id}</div>
            </td>
            <td>
              <StatusBadge status={journey.status} />
              {journey.hasDraft && <span className="badge badge--draft">draft</span>}
            </td>
            <td>{journey.latestVersion === null ? <span className="muted">not published</span> : `v${journey.latestVersion}`}</td>
            <td className="muted">{dateFormat.format(new Date(journey.updatedAt))}</td>
            <td className="journeys__actions">
              <a
                className="button button--small"
                href={journeyPath(journey.id)}
                aria-label={`Open ${journey.name}`}
                onClick={(event) => {
                  event.preventDefault()
                  event.stopPropagation()
                  navigate(journeyPath(journey.id))
                }}
              >
                Open
              </a>
              <JourneyActions journey={journey} onAction={(action) => onAction(journey, action)} busy={busy === journey.id} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
