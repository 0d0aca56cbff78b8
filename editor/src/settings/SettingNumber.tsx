import { useEffect, useState } from 'react'
import { FieldMessages } from '../inspector/FieldMessages'
import { useEditSession } from '../inspector/useEditSession'
import { settingFieldId } from './setting-fields'
import { useSettings } from './settings-context'

const isError = (found: { severity: string }[] | undefined) => found?.some((diagnostic) => diagnostic.severity === 'error') || undefined

/**
 * A whole number as typed: written as soon as it is one (one undo step per visit to the field), the validator saying
 * whether it is in range. Emptied, it is `undefined` when the setting may be left out (the default applies).
 */
export function SettingNumber({
  field,
  label,
  value,
  min,
  max,
  help,
  placeholder,
  onChange,
}: {
  field: string
  label: string
  value: number | undefined
  min: number
  max: number
  help?: string | undefined
  /** Shown while empty: the default that then applies. */
  placeholder?: string
  onChange: (value: number | undefined, edit: string) => void
}) {
  const { problems } = useSettings()
  const id = settingFieldId(field)
  const session = useEditSession(field)
  const [text, setText] = useState(value === undefined ? '' : String(value))
  // Undo changes the value under the field; the default typed out stays as typed (it is not written).
  useEffect(
    () =>
      setText((current) => {
        if (current !== '' && (Number(current) === value || (value === undefined && placeholder !== undefined && Number(current) === Number(placeholder))))
          return current
        return value === undefined ? '' : String(value)
      }),
    [value, placeholder],
  )
  const found = problems.byField.get(field)
  return (
    <div className="field field--number">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        placeholder={placeholder}
        aria-invalid={isError(found)}
        aria-describedby={`${id}-messages`}
        onFocus={session.start}
        onBlur={session.end}
        onChange={(event) => {
          setText(event.target.value)
          const typed = event.target.value.trim()
          const number = Number(typed)
          if (typed === '') onChange(undefined, session.current())
          else if (Number.isFinite(number)) onChange(number, session.current())
        }}
      />
      <FieldMessages id={`${id}-messages`} diagnostics={found} help={help} />
    </div>
  )
}
