import { isMoveOnly as movedOnly, type JourneyChange } from '@dunwell/journey'
import { Icon } from '../ui/Icon'

const icons = { added: 'plus', removed: 'x', changed: 'pencil' } as const

interface ChangeListProps {
  changes: JourneyChange[]
  canShow: (nodeId: string) => boolean
  onShowNode: (nodeId: string) => void
}

function ChangeItem({ change, canShow, onShowNode }: { change: JourneyChange } & Omit<ChangeListProps, 'changes'>) {
  return (
    <li className={`change change--${change.kind}`}>
      <span className="change__icon" aria-hidden="true">
        <Icon name={icons[change.kind]} size={13} />
      </span>
      <span className="change__message">{change.message}</span>
      {change.nodeId && canShow(change.nodeId) && (
        <button
          type="button"
          className="button button--ghost button--small change__show"
          onClick={() => onShowNode(change.nodeId!)}
          aria-label={`Show step ${change.nodeId} on the canvas`}
        >
          Show on canvas
        </button>
      )}
    </li>
  )
}

/** What changed, in words; steps that only moved are folded into one line. A step on the canvas can be shown there. */
export function ChangeList({ changes, canShow, onShowNode }: ChangeListProps) {
  if (changes.length === 0) return <p className="change-list__none">No differences: the two are the same journey.</p>
  const moves = changes.filter(movedOnly)
  const content = changes.filter((change) => !movedOnly(change))
  return (
    <>
      {content.length > 0 && (
        <ul className="change-list" aria-label="Changes">
          {content.map((change, index) => (
            <ChangeItem key={index} change={change} canShow={canShow} onShowNode={onShowNode} />
          ))}
        </ul>
      )}
      {moves.length > 0 && (
        <details className="change-moves">
          <summary>
            {moves.length} step{moves.length === 1 ? '' : 's'} only moved on the canvas{content.length === 0 ? ': nothing else changed' : ''}
          </summary>
          <ul className="change-list" aria-label="Steps moved">
            {moves.map((change, index) => (
              <ChangeItem key={index} change={change} canShow={canShow} onShowNode={onShowNode} />
            ))}
          </ul>
        </details>
      )}
    </>
  )
}
