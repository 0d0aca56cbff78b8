import { formatPath, type Diagnostic, type Journey } from '@dunwell/journey'
import { useDiagnostics, useDocument } from '../store'
import { problemText } from '../inspector/problem-text'
import { Icon } from '../ui/Icon'
import { problemTarget, type ProblemTarget } from './problem-target'
import { p } from './strings'
import { useFocusItem } from './useFocusItem'

/** Where a problem is, in the words of the canvas: the node's label (with its id), else the id or the field. */
function placeOf(diagnostic: Diagnostic, document: Journey): { name: string; id?: string } {
  if (diagnostic.nodeId) {
    const label = document.nodes.find((candidate) => candidate.id === diagnostic.nodeId)?.data.label
    return label ? { name: label, id: diagnostic.nodeId } : { name: diagnostic.nodeId }
  }
  if (diagnostic.edgeId) return { name: p.arrow(diagnostic.edgeId) }
  return { name: formatPath(diagnostic.path) || p.journey }
}

export function countProblems(diagnostics: Diagnostic[]) {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length
  return { errors, warnings: diagnostics.length - errors }
}

/**
 * Every diagnostic of the document; a click selects what it is about: the step or arrow at fault (centred on the
 * canvas; `onShow` lets the editor switch to it) or the setting.
 */
export function ProblemsPanel({ onClose, onShow }: { onClose: () => void; onShow?: (target: ProblemTarget) => void }) {
  const diagnostics = useDiagnostics()
  const document = useDocument()
  const focus = useFocusItem()
  const { errors, warnings } = countProblems(diagnostics)

  return (
    <aside className="problems" aria-label={p.problems}>
      <div className="problems__head">
        <h2 className="panel-title">{p.problems}</h2>
        <span className="muted">{p.count(errors, warnings)}</span>
        <button type="button" className="icon-button" onClick={onClose} aria-label={p.close}>
          <Icon name="x" />
        </button>
      </div>
      {diagnostics.length === 0 ? (
        <p className="problems__none">
          <Icon name="check" /> {p.none}
        </p>
      ) : (
        <ul className="problems__list">
          {diagnostics.map((diagnostic, index) => {
            const place = placeOf(diagnostic, document)
            const message = problemText(
              diagnostic,
              document.nodes.find((node) => node.id === diagnostic.nodeId),
            )
            const target = problemTarget(diagnostic, document)
            const content = (
              <>
                <span className={`problem__icon problem__icon--${diagnostic.severity}`}>
                  <Icon name={diagnostic.severity === 'error' ? 'alert' : 'help'} size={14} />
                </span>
                <span className="problem__text">
                  <span className="problem__place">
                    {place.name}
                    {place.id && <span className="problem__id mono">{place.id}</span>}
                  </span>
                  <span className="problem__message">{message}</span>
                </span>
              </>
            )
            return (
              <li key={`${index}-${diagnostic.code}`}>
                {target ? (
                  <button
                    type="button"
                    className="problem"
                    onClick={() => {
                      const shown = focus(diagnostic)
                      if (shown) onShow?.(shown)
                    }}
                    aria-label={`${p.severity[diagnostic.severity]}: ${place.name}: ${message}. ${p.show[target.kind]}`}
                  >
                    {content}
                  </button>
                ) : (
                  <div className="problem problem--static">{content}</div>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </aside>
  )
}
