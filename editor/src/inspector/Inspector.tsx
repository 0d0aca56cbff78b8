import { nodeKinds, type JourneyNode } from '@dunwell/journey'
import { useCallback, useId, useMemo } from 'react'
import { titleOf, toneOf } from '../canvas/node-kinds'
import { useApplyChange, useDiagnostics, useDocument, useSelection } from '../store'
import { Icon } from '../ui/Icon'
import { nodeDataChange, switchMode } from './data-edits'
import { fieldMessage, nodeProblems } from './field-errors'
import type { FormContext } from './form-context'
import { formModel, isBaseField, modeOf, type Field } from './form-model'
import { FieldView } from './FieldView'
import { OutcomeTargets } from './OutcomeTargets'
import { EdgeInspector } from './EdgeInspector'
import { IdField } from './IdField'
import { t } from './strings'
import { stepIdProblem } from '../store/id-problem'

/** Every field path the form shows, so that a problem lands on the field it names (or its nearest parent). */
function shownPaths(fields: Field[], prefix = ''): Set<string> {
  const paths = new Set<string>()
  for (const field of fields) {
    const path = prefix ? `${prefix}.${field.key}` : field.key
    paths.add(path)
    if (field.type.kind === 'object') for (const inner of shownPaths(field.type.fields, path)) paths.add(inner)
    if (field.type.kind === 'variants') for (const option of field.type.options) for (const inner of shownPaths(option.fields, path)) paths.add(inner)
  }
  return paths
}

function isShown(paths: Set<string>, key: string): boolean {
  // List items and record entries: `branches.0.when` is shown as `branches.when`; `set.reminded` as `set`'s row.
  return paths.has(key.replace(/\.\d+(?=\.|$)/g, '')) || /^set\.[^.]+$/.test(key)
}

/** The selected node's fields (or the one selected arrow's ends), generated from its kind's schema; every edit is one `update-node-data` change. */
export function Inspector() {
  const selection = useSelection()
  const document = useDocument()
  const node = selection.nodes.length === 1 ? document.nodes.find((candidate) => candidate.id === selection.nodes[0]) : undefined
  const edge =
    selection.nodes.length === 0 && selection.edges.length === 1 ? document.edges.find((candidate) => candidate.id === selection.edges[0]) : undefined
  if (edge) return <EdgeInspector key={edge.id} edge={edge} />
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <div className="inspector__head">
          <h2 className="panel-title">Inspector</h2>
        </div>
        <p className="inspector__empty muted">
          {selection.nodes.length > 1 ? `${selection.nodes.length} steps selected: select one to edit it.` : 'Select a step to edit it.'}
        </p>
      </aside>
    )
  }
  return <NodeInspector key={node.id} node={node} />
}

function NodeInspector({ node }: { node: JourneyNode }) {
  const document = useDocument()
  const diagnostics = useDiagnostics()
  const applyChange = useApplyChange()
  const kind = nodeKinds[node.type]
  const model = formModel(node.type)
  const mode = modeOf(model, node.data)
  const modeGroup = useId()
  const paths = useMemo(() => shownPaths(mode.fields), [mode])
  const problems = useMemo(() => nodeProblems(diagnostics, document, node.id, (key) => isShown(paths, key)), [diagnostics, document, node.id, paths])
  const edit = useCallback((data: JourneyNode['data'], key?: string) => applyChange(nodeDataChange(node.id, data, key)), [applyChange, node.id])
  const ctx: FormContext = { node, document, problems, edit }
  const base = mode.fields.filter(isBaseField)
  const own = mode.fields.filter((field) => !isBaseField(field))

  return (
    <aside className="inspector" aria-label={`Inspector: ${titleOf(node)}`}>
      <div className="inspector__head">
        <span className={`inspector__icon tone-${toneOf(node.type)}`}>
          <Icon name={kind.icon} />
        </span>
        <div className="inspector__title">
          <h2>{kind.title}</h2>
          <span className="mono muted">{node.id}</span>
        </div>
      </div>
      <form className="inspector__form" onSubmit={(event) => event.preventDefault()} aria-label={`${kind.title} settings`}>
        {problems.general.length > 0 && (
          <ul className="inspector__problems" aria-label="Problems of this step">
            {problems.general.map((diagnostic, index) => (
              <li key={index} className={diagnostic.severity === 'error' ? 'field__error' : 'field__warning'}>
                <Icon name="alert" size={13} /> {fieldMessage(diagnostic)}
              </li>
            ))}
          </ul>
        )}
        {model.modes.length > 1 && (
          <fieldset className="field">
            <legend>{kind.title}</legend>
            <div className="segmented" role="radiogroup" aria-label={`${kind.title} mode`}>
              {model.modes.map((candidate) => (
                <label key={candidate.name} className="segmented__option">
                  <input type="radio" name={modeGroup} checked={candidate === mode} onChange={() => edit(switchMode(node, candidate.name))} />
                  <span>{candidate.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {own.map((field) => (
          <FieldView key={`${mode.name}:${field.key}`} field={field} path={[field.key]} ctx={ctx} />
        ))}
        <OutcomeTargets node={node} document={document} />
        <div className="inspector__section">Description</div>
        <IdField
          label={t.stepId}
          value={node.id}
          help={t.stepIdHelp}
          what="step"
          problemOf={(next) => stepIdProblem(document, node.id, next)}
          onRename={(to) => applyChange({ type: 'rename-node', from: node.id, to })}
        />
        {base.map((field) => (
          <FieldView key={field.key} field={field} path={[field.key]} ctx={ctx} />
        ))}
      </form>
    </aside>
  )
}
