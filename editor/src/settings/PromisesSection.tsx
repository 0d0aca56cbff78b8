import { DEFAULT_GRACE_DAYS, DEFAULT_MISSES_TO_BREAK, DEFAULT_PAUSE_CONTACT, type PromiseSettings } from '@dunwell/journey'
import { SettingCheck } from './SettingCheck'
import { SettingNumber } from './SettingNumber'
import { SettingSection } from './SettingSection'
import { useSettings, withSetting } from './settings-context'
import { s } from './strings'

/**
 * How the journey treats a promise to pay or an instalment plan the debtor made: the days a late payment still
 * counts, the missed instalments that break a plan, and whether its messages pause while one runs.
 */
export function PromisesSection() {
  const { settings, update } = useSettings()
  const promises = settings.promises
  // A setting at its default is not written: a document says only where it differs.
  const change = <K extends keyof PromiseSettings>(key: K, value: PromiseSettings[K] | undefined, fallback: PromiseSettings[K], edit?: string) => {
    const { [key]: _, ...rest } = promises ?? {}
    const next: PromiseSettings = value === undefined || value === fallback ? rest : { ...rest, [key]: value }
    update(withSetting(settings, 'promises', Object.keys(next).length > 0 ? next : undefined), edit)
  }
  return (
    <SettingSection id="settings-promises" title={s.promises}>
      <SettingNumber
        field="settings.promises.graceDays"
        label={s.graceDays}
        value={promises?.graceDays}
        min={0}
        max={60}
        placeholder={String(DEFAULT_GRACE_DAYS)}
        help={s.graceDaysHelp(DEFAULT_GRACE_DAYS)}
        onChange={(days, edit) => change('graceDays', days, DEFAULT_GRACE_DAYS, edit)}
      />
      <SettingNumber
        field="settings.promises.missesToBreak"
        label={s.missesToBreak}
        value={promises?.missesToBreak}
        min={1}
        max={12}
        placeholder={String(DEFAULT_MISSES_TO_BREAK)}
        help={s.missesToBreakHelp(DEFAULT_MISSES_TO_BREAK)}
        onChange={(misses, edit) => change('missesToBreak', misses, DEFAULT_MISSES_TO_BREAK, edit)}
      />
      <SettingCheck
        field="settings.promises.pauseContact"
        label={s.pauseContact}
        checked={promises?.pauseContact ?? DEFAULT_PAUSE_CONTACT}
        help={s.pauseContactHelp}
        onChange={(on) => change('pauseContact', on, DEFAULT_PAUSE_CONTACT)}
      />
    </SettingSection>
  )
}
