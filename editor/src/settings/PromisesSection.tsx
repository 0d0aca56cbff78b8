import { DEFAULT_PAUSE_CONTACT, type PromiseSettings } from '@dunwell/journey'
import { SettingCheck } from './SettingCheck'
import { SettingSection } from './SettingSection'
import { useSettings, withSetting } from './settings-context'
import { s } from './strings'

/** How the journey treats a promise to pay or an instalment plan the debtor made: its messages pause while one runs. */
export function PromisesSection() {
  const { settings, update } = useSettings()
  const promises = settings.promises
  const pauses = promises?.pauseContact ?? DEFAULT_PAUSE_CONTACT
  return (
    <SettingSection id="settings-promises" title={s.promises}>
      <SettingCheck
        field="settings.promises.pauseContact"
        label={s.pauseContact}
        checked={pauses}
        help={s.pauseContactHelp}
        onChange={(on) => {
          const { pauseContact: _, ...rest } = promises ?? {}
          // The default is not written: a document says only where it differs.
          const next: PromiseSettings = on === DEFAULT_PAUSE_CONTACT ? rest : { ...rest, pauseContact: on }
          update(withSetting(settings, 'promises', Object.keys(next).length > 0 ? next : undefined))
        }}
      />
    </SettingSection>
  )
}
