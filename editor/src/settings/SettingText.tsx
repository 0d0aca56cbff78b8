import type { ExpressionCheck } from '@dunwell/journey'
import { useMemo } from 'react'
import { ExpressionInput } from '../inspector/ExpressionInput'
import { FieldMessages } from '../inspector/FieldMessages'
import { useEditSession } from '../inspector/useEditSession'
import { withoutSource } from '../monaco/cel-markers'
import { settingFieldId } from './setting-fields'
import { useSettings } from './settings-context'
import { s } from './strings'

export interface SettingTextProps {
  /** The document path the field edits, e.g. `settings.goal`. */
  field: string
  label: string
  value: string
  onChange: (text: string, edit: string) => void
  optional?: boolean
  help?: string
  placeholder?: string
  /** A CEL condition, checked as it is typed: Monaco with suggestions and the error underlined. */
  check?: (text: string) => ExpressionCheck
  /** Suggestions offered under the field (known events, say). */
  suggestions?: readonly string[]
  mono?: boolean
  multiline?: boolean
}

/** A text field of the settings, with the validator's findings about it underneath. */
export function SettingText({ field, label, value, onChange, optional, help, placeholder, check, suggestions, mono, multiline }: SettingTextProps) {
  const id = settingFieldId(field)
  const messagesId = `${id}-messages`
  const session = useEditSession(field)
  const { problems } = useSettings()
  const live = useMemo(() => (check && value ? check(value) : undefined), [check, value])
  const liveError = live && !live.ok ? withoutSource(live.message, value) : undefined
  // The live check says the same as the validator's `bad-expression`, and is more current.
  const diagnostics = (problems.byField.get(field) ?? []).filter((diagnostic) => !(liveError && diagnostic.code === 'bad-expression'))
  const invalid = Boolean(liveError) || diagnostics.some((diagnostic) => diagnostic.severity === 'error')
  const write = (text: string) => onChange(text, session.current())
  const listId = suggestions ? `${id}-suggestions` : undefined
  const common = {
    id,
    value,
    'aria-invalid': invalid || undefined,
    'aria-describedby': messagesId,
    placeholder,
    onFocus: session.start,
    onBlur: session.end,
  }

  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="field__optional">{s.optional}</span>}
      </label>
      {check ? (
        <ExpressionInput
          id={id}
          value={value}
          label={label}
          check={live}
          describedBy={messagesId}
          invalid={invalid}
          placeholder={placeholder}
          onFocus={session.start}
          onBlur={session.end}
          onChange={write}
        />
      ) : multiline ? (
        <textarea {...common} rows={3} onChange={(event) => write(event.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          className={mono ? 'mono' : undefined}
          spellCheck={mono ? false : undefined}
          autoComplete="off"
          list={listId}
          onChange={(event) => write(event.target.value)}
        />
      )}
      {listId && (
        <datalist id={listId}>
          {suggestions?.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      <FieldMessages id={messagesId} live={liveError} diagnostics={diagnostics} help={help} />
    </div>
  )
}
