import { formatPath, type Diagnostic, type Journey } from '@dunwell/journey'
import { useDiagnostics, useDocument } from '../store'
import { problemText } from '../inspector/problem-text'
import { Icon } from '../ui/Icon'
import { useFocusItem } from './useFocusItem'

/** Where a problem is, in the words of the canvas: the node's label (with its id), else the id or the field. */
function placeOf(diagnostic: Diagnostic, document: Journey): { name: string; id?: string } {
  if (diagnostic.nodeId) {
    const label = document.nodes.find((candidate) => candidate.id === diagnostic.nodeId)?.data.label
    return label ? { name: label, id: diagnostic.nodeId } : { name: diagnostic.nodeId }
  }
  if (diagnostic.edgeId) return { name: `edge ${diagnostic.edgeId}` }
  return { name: formatPath(diagnostic.path) || 'journey' }
}

export function countProblems(diagnostics: Diagnostic[]) {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length
  return { errors, warnings: diagnostics.length - errors }
}

/** Every diagnostic of the document; a click selects and centres the node or edge at fault. */
export function ProblemsPanel({ onClose }: { onClose: () => void }) {
  const diagnostics = useDiagnostics()
  const document = useDocument()
  const focus = useFocusItem()
  const { errors, warnings } = countProblems(diagnostics)

  return (
    <aside className="problems" aria-label="Problems">
      <div className="problems__head">
        <h2 className="panel-title">Problems</h2>
        <span className="muted">
          {errors} error{errors === 1 ? '' : 's'} · {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close problems">
          <Icon name="x" />
        </button>
      </div>
      {diagnostics.length === 0 ? (
        <p className="problems__none">
          <Icon name="check" /> No problems: this journey can be published.
        </p>
      ) : (
        <ul className="problems__list">
          {diagnostics.map((diagnostic, index) => {
            const place = placeOf(diagnostic, document)
            const message = problemText(
              diagnostic,
              document.nodes.find((node) => node.id === diagnostic.nodeId),
            )
            const focusable = Boolean(diagnostic.nodeId || diagnostic.edgeId)
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
                {focusable ? (
                  <button
                    type="button"
                    className="problem"
                    onClick={() => focus(diagnostic)}
                    aria-label={`${diagnostic.severity} at ${place.name}: ${message}. Show on canvas`}
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
