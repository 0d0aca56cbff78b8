import { useEffect, useRef } from 'react'

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

const mouse: [string, string][] = [
  ['Drag a step from the left', 'add it where you drop it; onto an arrow, splice it in'],
  ['Drag from an outcome to a step', 'connect them; an outcome already connected moves to the new step'],
  ['Drag an edge’s end onto empty canvas', 'remove the edge'],
  ['Inspector › Leads to', 'connect each outcome by choosing a step (keyboard friendly)'],
  ['Shift + drag on the canvas', 'select an area'],
  [`${mod} + click`, 'add to the selection'],
]

const keys: [string, string][] = [
  ['Delete', 'delete the selection (also Backspace)'],
  [`${mod} Z`, 'undo'],
  [`${mod} Shift Z`, `redo (also ${mod} Y)`],
  [`${mod} D`, 'duplicate the selection'],
  [`${mod} C, X, V`, 'copy, cut, paste steps, also into another journey'],
  [`${mod} A`, 'select everything'],
  [`${mod} S`, 'save the draft'],
  ['?', 'show or hide this help'],
  ['Esc', 'clear the selection, close this help'],
]

function Rows({ rows, asKeys }: { rows: [string, string][]; asKeys: boolean }) {
  return (
    <tbody>
      {rows.map(([how, what]) => (
        <tr key={how}>
          <th scope="row">{asKeys ? <kbd>{how}</kbd> : how}</th>
          <td>{what}</td>
        </tr>
      ))}
    </tbody>
  )
}

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => close.current?.focus(), [])
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(event) => event.stopPropagation()}>
        <div className="dialog__head">
          <h2 id="help-title">Keyboard and mouse</h2>
          <button ref={close} type="button" className="button button--ghost" onClick={onClose} aria-label="Close help">
            Close
          </button>
        </div>
        <h3 className="dialog__section">Mouse</h3>
        <table className="shortcuts">
          <Rows rows={mouse} asKeys={false} />
        </table>
        <h3 className="dialog__section">Keyboard</h3>
        <table className="shortcuts">
          <Rows rows={keys} asKeys />
        </table>
      </div>
    </div>
  )
}
