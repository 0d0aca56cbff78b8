import { FieldMessages } from '../inspector/FieldMessages'
import { settingFieldId } from './setting-fields'
import { useSettings } from './settings-context'

/** A setting that is on or off, with the validator's findings about it underneath. */
export function SettingCheck({
  field,
  label,
  checked,
  onChange,
  help,
}: {
  field: string
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  help?: string | undefined
}) {
  const { problems } = useSettings()
  const id = settingFieldId(field)
  return (
    <div className="field field--check">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-messages`} onChange={(event) => onChange(event.target.checked)} />
        {label}
      </label>
      <FieldMessages id={`${id}-messages`} diagnostics={problems.byField.get(field)} help={help} />
    </div>
  )
}
