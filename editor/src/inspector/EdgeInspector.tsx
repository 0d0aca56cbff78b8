import { outcomesOf, type HandleSpec, type JourneyEdge } from '@dunwell/journey'
import { useId } from 'react'
import { type Connection, useDocument, useEditorStoreApi } from '../store'
import { edgeFault, nodesById } from '../store/drawable-edges'
import { Icon } from '../ui/Icon'
import { stepName } from './OutcomeTargets'
import { t } from './strings'

/** An outcome as a picker names it: its label, with its id when that says more. */
const outcomeName = (outcome: HandleSpec) =>
  outcome.id === null ? `${outcome.label} (${t.defaultOutcome})` : outcome.label === outcome.id ? outcome.id : `${outcome.label} (${outcome.id})`

/**
 * The one selected arrow: where it starts, by which outcome, where it leads. An arrow the canvas cannot draw (its
 * step or outcome is gone, say, in a document loaded that way) is selected from the problems panel and fixed here:
 * reconnected from an outcome its step has, or removed.
 */
export function EdgeInspector({ edge }: { edge: JourneyEdge }) {
  const document = useDocument()
  const store = useEditorStoreApi()
  const uid = useId()
  const nodes = nodesById(document)
  const fault = edgeFault(edge, nodes)
  const source = document.nodes.find((node) => node.id === edge.source)
  const outcomes = (source && outcomesOf(source)) ?? []
  const handle = edge.sourceHandle ?? null
  const knownOutcome = outcomes.some((outcome) => outcome.id === handle)
  const sources = document.nodes.filter((node) => (outcomesOf(node) ?? []).length > 0)
  const targets = document.nodes.filter((node) => node.type !== 'entry')

  const reconnect = (connection: Connection) => {
    const { applyChange, select } = store.getState()
    applyChange({ type: 'reconnect', id: edge.id, connection })
    select({ nodes: [], edges: [edge.id] })
  }
  const faultText =
    fault &&
    (fault.kind === 'missing-source'
      ? t.faults['missing-source'](edge.source)
      : fault.kind === 'missing-target'
        ? t.faults['missing-target'](edge.target)
        : t.faults['unknown-outcome'](edge.sourceHandle ?? ''))

  return (
    <aside className="inspector" aria-label={`${t.arrow} ${edge.id}`}>
      <div className="inspector__head">
        <span className="inspector__icon tone-flow">
          <Icon name="arrow-right" />
        </span>
        <div className="inspector__title">
          <h2>{t.arrow}</h2>
          <span className="mono muted">{edge.id}</span>
        </div>
      </div>
      <form className="inspector__form" onSubmit={(event) => event.preventDefault()} aria-label={t.arrow}>
        {faultText && (
          <ul className="inspector__problems">
            <li className="field__error" role="status">
              <Icon name="alert" size={13} /> {t.notDrawn} {faultText}
            </li>
          </ul>
        )}
        <div className="field">
          <label htmlFor={`${uid}-from`}>{t.arrowFrom}</label>
          <select
            id={`${uid}-from`}
            value={edge.source}
            onChange={(event) => {
              const next = document.nodes.find((node) => node.id === event.target.value)
              const nextOutcomes = (next && outcomesOf(next)) ?? []
              const keep = nextOutcomes.find((outcome) => outcome.id === handle) ?? nextOutcomes.find((outcome) => !outcome.optional) ?? nextOutcomes[0]
              if (next && keep) reconnect({ source: next.id, sourceHandle: keep.id, target: edge.target })
            }}
          >
            {!source && <option value={edge.source}>{t.missingStep(edge.source)}</option>}
            {sources.map((node) => (
              <option key={node.id} value={node.id}>
                {stepName(node)}
              </option>
            ))}
          </select>
        </div>
        {source && (
          <div className="field">
            <label htmlFor={`${uid}-outcome`}>{t.arrowOutcome}</label>
            <select
              id={`${uid}-outcome`}
              value={knownOutcome ? (handle ?? '') : '\u0000unknown'}
              onChange={(event) => reconnect({ source: edge.source, sourceHandle: event.target.value || null, target: edge.target })}
            >
              {!knownOutcome && (
                <option value={'\u0000unknown'} disabled>
                  {t.unknownOutcome(edge.sourceHandle ?? t.defaultOutcome)}
                </option>
              )}
              {outcomes.map((outcome) => (
                <option key={outcome.id ?? ''} value={outcome.id ?? ''}>
                  {outcomeName(outcome)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${uid}-to`}>{t.arrowTo}</label>
          <select
            id={`${uid}-to`}
            value={edge.target}
            onChange={(event) => {
              if (source && knownOutcome) reconnect({ source: edge.source, sourceHandle: handle, target: event.target.value })
            }}
            disabled={!source || !knownOutcome}
          >
            {!nodes.has(edge.target) && <option value={edge.target}>{t.missingStep(edge.target)}</option>}
            {targets.map((node) => (
              <option key={node.id} value={node.id}>
                {stepName(node)}
              </option>
            ))}
          </select>
          {fault && <span className="field__help">{t.reconnectHint}</span>}
        </div>
        <div className="field">
          <button type="button" className="button button--danger" onClick={() => store.getState().applyChange({ type: 'delete-edge', id: edge.id })}>
            <Icon name="trash" size={14} /> {t.removeArrow}
          </button>
        </div>
      </form>
    </aside>
  )
}
