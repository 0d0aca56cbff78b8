import { outcomesOf, type Journey, type JourneyNode } from '@dunwell/journey'
import { useId } from 'react'
import { titleOf } from '../canvas/node-kinds'
import { useEditorStoreApi } from '../store'

/** A step as the pickers name it: its title, with its id. */
export const stepName = (node: JourneyNode) => `${titleOf(node)} (${node.id})`

/**
 * Where each outcome of the step leads, chosen from a list: the same connections as dragging a handle on the
 * canvas, for the keyboard and for steps far apart.
 */
export function OutcomeTargets({ node, document }: { node: JourneyNode; document: Journey }) {
  const store = useEditorStoreApi()
  const uid = useId()
  const outcomes = outcomesOf(node) ?? []
  if (outcomes.length === 0) return null
  const others = document.nodes.filter((candidate) => candidate.id !== node.id && candidate.type !== 'entry')
  return (
    <>
      <div className="inspector__section">Leads to</div>
      {outcomes.map((outcome, index) => {
        const handle = outcome.id ?? undefined
        const edge = document.edges.find((candidate) => candidate.source === node.id && candidate.sourceHandle === handle)
        const id = `${uid}-${index}`
        return (
          <div key={outcome.id ?? ''} className="field">
            <label htmlFor={id}>
              {outcomes.length === 1 ? 'Next step' : `When ${outcome.label}`}
              {outcome.optional && <span className="field__optional"> (optional)</span>}
            </label>
            <select
              id={id}
              value={edge?.target ?? ''}
              onChange={(event) => {
                const target = event.target.value
                const { applyChange, select } = store.getState()
                if (target) applyChange({ type: 'connect', connection: { source: node.id, sourceHandle: outcome.id, target } })
                else if (edge) applyChange({ type: 'delete-edge', id: edge.id })
                // The step stays the one being edited (a new connection would otherwise be selected instead).
                select({ nodes: [node.id], edges: [] })
              }}
            >
              <option value="">{outcome.optional ? 'Nowhere: the default outcome applies' : 'Nowhere yet'}</option>
              {others.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {stepName(candidate)}
                </option>
              ))}
            </select>
          </div>
        )
      })}
    </>
  )
}
