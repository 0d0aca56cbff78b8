import type { JourneyChange } from '@dunwell/journey'
import { Icon } from '../ui/Icon'

const icons = { added: 'plus', removed: 'x', changed: 'pencil' } as const

/** What changed, in words; a step that is on the canvas can be shown there. */
export function ChangeList({ changes, canShow, onShowNode }: { changes: JourneyChange[]; canShow: (nodeId: string) => boolean; onShowNode: (nodeId: string) => void }) {
  if (changes.length === 0) return <p className="change-list__none">No differences: the two are the same journey.</p>
  return (
    <ul className="change-list" aria-label="Changes">
      {changes.map((change, index) => (
        <li key={index} className={`change change--${change.kind}`}>
          <span className="change__icon" aria-hidden="true">
            <Icon name={icons[change.kind]} size={13} />
          </span>
          <span className="change__message">{change.message}</span>
          {change.nodeId && canShow(change.nodeId) && (
            <button type="button" className="button button--ghost button--small change__show" onClick={() => onShowNode(change.nodeId!)} aria-label={`Show step ${change.nodeId} on the canvas`}>
              Show on canvas
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}
