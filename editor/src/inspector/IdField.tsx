import { useId, useState } from 'react'
import type { IdProblem } from '../store/id-problem'
import { t } from './strings'

/**
 * An id that others refer to (a step's, an outcome's): typed freely, checked as it is typed, and renamed only on
 * Enter or when the field is left, as one change that carries every reference along. An id that cannot be used
 * says why and is not applied; leaving the field (or Escape) then keeps the old one.
 */
export function IdField({
  label,
  value,
  help,
  problemOf,
  what,
  onRename,
}: {
  label: string
  value: string
  help?: string
  problemOf: (next: string) => IdProblem | undefined
  what: 'step' | 'outcome'
  onRename: (next: string) => void
}) {
  const id = useId()
  const [draft, setDraft] = useState<string | undefined>(undefined)
  const text = draft ?? value
  const problem = draft === undefined ? undefined : problemOf(draft)
  const commit = () => {
    if (draft !== undefined && draft !== value && !problem) onRename(draft)
    setDraft(undefined)
  }
  return (
    <div className="field">
      <div className="field__head">
        <label htmlFor={id}>{label}</label>
      </div>
      <input
        id={id}
        type="text"
        className="mono"
        value={text}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-messages`}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            if (!problem) commit()
          } else if (event.key === 'Escape') setDraft(undefined)
        }}
      />
      <div id={`${id}-messages`} className="field__messages">
        {problem && (
          <span className="field__error" role="alert">
            {t.idProblem(problem, what)} {t.idKeep}
          </span>
        )}
        {help && <span className="field__help">{help}</span>}
      </div>
    </div>
  )
}
