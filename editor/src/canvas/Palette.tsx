import { nodeKinds, nodeTypes } from '@dunwell/journey'
import { useStoreApi } from '@xyflow/react'
import { useEditorStoreApi } from '../store'
import { Icon } from '../ui/Icon'
import { PALETTE_DRAG_TYPE, newNodeAt } from './new-node'
import { toneOf } from './node-kinds'

/** Every node kind: drag one onto the canvas, or click it to add it in the middle of the view. */
export function Palette() {
  const store = useEditorStoreApi()
  const flow = useStoreApi()

  const addInView = (type: string) => {
    const { width, height, transform } = flow.getState()
    const [x, y, zoom] = transform
    const node = newNodeAt(type, { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom })
    if (node) store.getState().applyChange({ type: 'add-node', node })
  }

  return (
    <aside className="palette" aria-label="Node kinds">
      <h2 className="panel-title">Add a step</h2>
      <p className="palette__hint">Drag onto the canvas or onto an arrow to insert it there; click to add in the middle.</p>
      <ul className="palette__list">
        {nodeTypes.map((type) => {
          const kind = nodeKinds[type]
          return (
            <li key={type}>
              <button
                type="button"
                className={`palette__item tone-${toneOf(type)}`}
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(PALETTE_DRAG_TYPE, type)
                  event.dataTransfer.effectAllowed = 'copy'
                }}
                onClick={() => addInView(type)}
                aria-label={`Add ${kind.title}: ${kind.help}`}
              >
                <span className="palette__icon">
                  <Icon name={kind.icon} />
                </span>
                <span className="palette__text">
                  <span className="palette__title">{kind.title}</span>
                  <span className="palette__help" title={kind.help}>
                    {kind.help}
                  </span>
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </aside>
  )
}
