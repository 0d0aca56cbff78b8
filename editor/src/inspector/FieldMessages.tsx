import type { Diagnostic } from '@dunwell/journey'
import { fieldMessage } from './field-errors'

/** The messages under a field: the live check first, then the validator's. Their element's id describes the input. */
export function FieldMessages({
  id,
  live,
  diagnostics = [],
  help,
}: {
  id: string
  live?: string | undefined
  diagnostics?: Diagnostic[] | undefined
  help?: string | undefined
}) {
  if (!live && diagnostics.length === 0 && !help) return null
  return (
    <div id={id} className="field__messages">
      {live && <span className="field__error">{live}</span>}
      {diagnostics.map((diagnostic, index) => (
        <span key={index} className={diagnostic.severity === 'error' ? 'field__error' : 'field__warning'}>
          {fieldMessage(diagnostic)}
        </span>
      ))}
      {help && <span className="field__help">{help}</span>}
    </div>
  )
}
