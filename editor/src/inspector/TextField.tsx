import { checkCondition, checkValueExpression, isKnownEvent, knownEvents } from '@dunwell/journey'
import { useId, useMemo, useState } from 'react'
import { withoutSource } from '../monaco/cel-markers'
import { Icon } from '../ui/Icon'
import { ConditionBuilder } from './ConditionBuilder'
import { setAt, getAt, type DataPath } from './data-edits'
import { ExpressionInput } from './ExpressionInput'
import { pathKey } from './field-errors'
import type { FormContext } from './form-context'
import type { Field } from './form-model'
import { FieldMessages } from './FieldMessages'
import { useEditSession } from './useEditSession'

const placeholders: Partial<Record<string, string>> = {
  duration: 'P3D',
  time: '09:00',
  event: 'payment.received',
  condition: 'case.amountDue >= 100.0',
  expression: 'true',
}

/** A text field; conditions are checked as they are typed and can be built from a field, an operator and a value. */
export function TextField({ field, path, ctx, label }: { field: Field & { type: { kind: 'text' } }; path: DataPath; ctx: FormContext; label?: string }) {
  const id = useId()
  const messagesId = `${id}-messages`
  const key = pathKey(path)
  const session = useEditSession(`${ctx.node.id}:${key}`)
  const [building, setBuilding] = useState(false)
  const value = (getAt(ctx.node.data, path) as string | undefined) ?? ''
  const format = field.type.format
  const live = useMemo(() => {
    if (!value) return undefined
    if (format === 'condition') return checkCondition(value)
    if (format === 'expression') return checkValueExpression(value)
    return undefined
  }, [format, value])
  // Under its own field, the message need not quote the whole expression again.
  const liveError = live && !live.ok ? withoutSource(live.message, value) : undefined
  // The validator says the same about a bad expression; the live check is more current.
  const diagnostics = (ctx.problems.byField.get(key) ?? []).filter((diagnostic) => !(liveError && diagnostic.code === 'bad-expression'))
  const invalid = Boolean(liveError) || diagnostics.some((diagnostic) => diagnostic.severity === 'error')

  const write = (text: string, edit?: string) => ctx.edit(setAt(ctx.node.data, path, text === '' && field.optional ? undefined : text), edit)
  const common = {
    id,
    value,
    'aria-invalid': invalid || undefined,
    'aria-describedby': messagesId,
    onFocus: session.start,
    onBlur: session.end,
  }
  const name = label ?? field.label

  let control
  if (format === 'template') {
    const channel = ctx.node.type === 'call' ? 'call' : ctx.node.type
    const choices = Object.entries(ctx.document.templates).filter(([, template]) => template.channel === channel)
    control = (
      <select {...common} onChange={(event) => write(event.target.value)}>
        <option value="">{field.optional ? 'None' : 'Choose a template…'}</option>
        {choices.map(([templateId, template]) => (
          <option key={templateId} value={templateId}>
            {template.name ? `${template.name} (${templateId})` : templateId}
          </option>
        ))}
        {value && !choices.some(([templateId]) => templateId === value) && (
          <option value={value}>
            {value} (not a {channel} template)
          </option>
        )}
      </select>
    )
  } else if (format === 'condition' || format === 'expression') {
    control = (
      <ExpressionInput
        id={id}
        value={value}
        label={name}
        check={live}
        describedBy={messagesId}
        invalid={invalid}
        placeholder={placeholders[format]}
        onFocus={session.start}
        onBlur={session.end}
        onChange={(text) => write(text, session.current())}
      />
    )
  } else if (format === 'multiline') {
    control = <textarea {...common} rows={3} onChange={(event) => write(event.target.value, session.current())} />
  } else {
    const listId = field.type.suggestions ? `${id}-suggestions` : undefined
    control = (
      <>
        <input
          {...common}
          type="text"
          className={format === 'duration' || format === 'event' ? 'mono' : undefined}
          placeholder={format ? placeholders[format] : undefined}
          spellCheck={format ? false : undefined}
          autoComplete="off"
          list={listId}
          onChange={(event) => write(event.target.value, session.current())}
        />
        {listId && (
          <datalist id={listId}>
            {field.type.suggestions?.map((suggestion) => (
              <option key={suggestion} value={suggestion} label={format === 'event' && isKnownEvent(suggestion) ? knownEvents[suggestion] : undefined} />
            ))}
          </datalist>
        )}
      </>
    )
  }

  return (
    <div className="field">
      <div className="field__head">
        <label htmlFor={id}>
          {name}
          {field.optional && <span className="field__optional"> (optional)</span>}
        </label>
        {format === 'condition' && (
          <button
            type="button"
            className="link-button"
            aria-expanded={building}
            aria-label={`Build ${name} from a field, an operator and a value`}
            onClick={() => setBuilding((open) => !open)}
          >
            <Icon name={building ? 'x' : 'plus'} size={13} /> {building ? 'Close builder' : 'Builder'}
          </button>
        )}
      </div>
      {control}
      {building && (
        <ConditionBuilder
          expression={value}
          label={name}
          onUse={(expression) => {
            ctx.edit(setAt(ctx.node.data, path, expression))
            setBuilding(false)
          }}
        />
      )}
      <FieldMessages id={messagesId} live={liveError} diagnostics={diagnostics} help={field.help} />
    </div>
  )
}
