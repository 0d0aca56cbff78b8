import { outrankedModes, type Priority } from '@dunwell/journey'
import { FieldMessages } from '../inspector/FieldMessages'
import { SettingCheck } from './SettingCheck'
import { SettingNumber } from './SettingNumber'
import { SettingSection } from './SettingSection'
import { settingFieldId } from './setting-fields'
import { SettingText } from './SettingText'
import { useSettings, withSetting } from './settings-context'
import { s } from './strings'

/** A journey that starts to take part in priorities sits in the middle, so that others can come before and after it. */
const FIRST_PRIORITY: Priority = { rank: 100 }

const isError = (found: { severity: string }[] | undefined) => found?.some((diagnostic) => diagnostic.severity === 'error') || undefined

/** The journey's place among those that may hold the same case: group, rank, and what happens when it is outranked. */
export function PrioritySection() {
  const { settings, problems, update } = useSettings()
  const priority = settings.priority
  const set = (next: Priority | undefined, edit?: string) => update(withSetting(settings, 'priority', next), edit)
  const at = (field: string) => problems.byField.get(`settings.priority${field}`)

  return (
    <SettingSection id="settings-priority" title={s.priority}>
      <SettingCheck
        field="settings.priority"
        label={s.hasPriority}
        checked={Boolean(priority)}
        help={priority ? undefined : s.priorityHelp}
        onChange={(on) => set(on ? FIRST_PRIORITY : undefined)}
      />
      {priority && (
        <>
          <SettingText
            field="settings.priority.group"
            label={s.group}
            value={priority.group ?? ''}
            optional
            mono
            placeholder="dunning"
            help={s.groupHelp}
            onChange={(text, edit) => {
              const { group: _, ...rest } = priority
              set(text ? { ...rest, group: text } : rest, edit)
            }}
          />
          <SettingNumber
            field="settings.priority.rank"
            label={s.rank}
            value={priority.rank}
            min={1}
            max={1000}
            help={s.rankHelp}
            // The rank is required: an emptied field keeps the last one until a number is typed.
            onChange={(rank, edit) => rank !== undefined && set({ ...priority, rank }, edit)}
          />
          <div className="field">
            <label htmlFor={settingFieldId('settings.priority.whenOutranked')}>{s.whenOutranked}</label>
            <select
              id={settingFieldId('settings.priority.whenOutranked')}
              value={priority.whenOutranked ?? 'pause'}
              aria-invalid={isError(at('.whenOutranked'))}
              aria-describedby={`${settingFieldId('settings.priority.whenOutranked')}-messages`}
              onChange={(event) => {
                const { whenOutranked: _, ...rest } = priority
                // Pause is the default: it is not written.
                set(event.target.value === 'end' ? { ...rest, whenOutranked: 'end' } : rest)
              }}
            >
              {outrankedModes.map((mode) => (
                <option key={mode} value={mode}>
                  {s[mode]}
                </option>
              ))}
            </select>
            <FieldMessages id={`${settingFieldId('settings.priority.whenOutranked')}-messages`} diagnostics={at('.whenOutranked')} />
          </div>
          <SettingCheck
            field="settings.priority.parallel"
            label={s.parallel}
            checked={priority.parallel === true}
            onChange={(on) => {
              const { parallel: _, ...rest } = priority
              set(on ? { ...rest, parallel: true } : rest)
            }}
          />
        </>
      )}
    </SettingSection>
  )
}
