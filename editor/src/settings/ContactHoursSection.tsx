import { weekdays, type ContactHours, type Weekday } from '@dunwell/journey'
import { useEffect, useState } from 'react'
import { loadContactPolicy, type ContactPolicyView } from '../api/policy-api'
import { FieldMessages } from '../inspector/FieldMessages'
import { SettingCheck } from './SettingCheck'
import { SettingSection } from './SettingSection'
import { beyondPolicy, capInWords, hoursInWords } from './policy-words'
import { settingFieldId } from './setting-fields'
import { useSettings, withSetting } from './settings-context'
import { s } from './strings'

/** What a journey starts with when it narrows its hours. */
const NARROWED: ContactHours = { start: '09:00', end: '18:00' }

/** The journey's own contact hours, beside what the server's policy says about them. */
export function ContactHoursSection() {
  const { settings, problems, update } = useSettings()
  const hours = settings.contactHours
  const set = (next: ContactHours | undefined) => update(withSetting(settings, 'contactHours', next))
  const days = hours?.days ?? weekdays
  const toggle = (day: Weekday) => {
    if (!hours) return
    const chosen = days.includes(day) ? days.filter((candidate) => candidate !== day) : [...days, day]
    // Every day is the same as no days named; none is a mistake the validator names.
    const ordered = weekdays.filter((candidate) => chosen.includes(candidate))
    const { days: _, ...rest } = hours
    set(ordered.length === weekdays.length ? rest : { ...rest, days: ordered })
  }
  const at = (field: string) => problems.byField.get(`settings.contactHours${field}`)

  return (
    <SettingSection id="settings-hours" title={s.contactHours}>
      <SettingCheck field="settings.contactHours" label={s.limitHours} checked={Boolean(hours)} onChange={(on) => set(on ? NARROWED : undefined)} />
      {hours && (
        <>
          <div className="settings__row">
            {(['start', 'end'] as const).map((end) => {
              const fieldId = settingFieldId(`settings.contactHours.${end}`)
              const found = at(`.${end}`)
              return (
                <div className="field" key={end}>
                  <label htmlFor={fieldId}>{end === 'start' ? s.from : s.until}</label>
                  <input
                    id={fieldId}
                    type="time"
                    value={hours[end]}
                    required
                    aria-invalid={found?.some((diagnostic) => diagnostic.severity === 'error') || undefined}
                    aria-describedby={`${fieldId}-messages`}
                    onChange={(event) => event.target.value && set({ ...hours, [end]: event.target.value })}
                  />
                  <FieldMessages id={`${fieldId}-messages`} diagnostics={found} />
                </div>
              )
            })}
          </div>
          <fieldset className="field" id={settingFieldId('settings.contactHours.days')} tabIndex={-1}>
            <legend>{s.days}</legend>
            <div className="toggles">
              {weekdays.map((day) => (
                <button key={day} type="button" className="toggle" aria-pressed={days.includes(day)} onClick={() => toggle(day)}>
                  {s.weekdays[day]}
                </button>
              ))}
            </div>
            <FieldMessages id={`${settingFieldId('settings.contactHours.days')}-messages`} diagnostics={at('.days')} />
          </fieldset>
        </>
      )}
      <PolicyBeside hours={hours} />
    </SettingSection>
  )
}

type PolicyState = { state: 'loading' } | { state: 'read'; policy: ContactPolicyView } | { state: 'unreadable'; reason: string }

/** The server's policy beside the journey's hours: its widest hours, those of each jurisdiction, its caps. */
function PolicyBeside({ hours }: { hours: ContactHours | undefined }) {
  const [read, setRead] = useState<PolicyState>({ state: 'loading' })
  useEffect(() => {
    let live = true
    loadContactPolicy().then(
      (policy) => live && setRead({ state: 'read', policy }),
      (error: unknown) => live && setRead({ state: 'unreadable', reason: error instanceof Error ? error.message : String(error) }),
    )
    return () => {
      live = false
    }
  }, [])
  if (read.state !== 'read')
    return (
      <p className="notice settings__policy" role="note">
        {read.state === 'loading' ? s.policyLoading : s.policyUnreadable(read.reason)}
      </p>
    )
  const { policy } = read
  const widest = `${hoursInWords(policy.contactHours)}${policy.contactHours.holidays ? `, ${s.noHolidays}` : ''}`
  return (
    <div className="notice settings__policy" role="note" aria-label={s.contactHours}>
      <p>{s.policyHours(widest)}</p>
      {policy.jurisdictions.some((j) => j.contactHours) && (
        <ul>
          {policy.jurisdictions.map(
            (j) =>
              j.contactHours && (
                <li key={`${j.country}-${j.region ?? ''}`}>
                  {s.policyJurisdiction(j.name, j.region ? `${j.country}-${j.region}` : j.country, hoursInWords({ ...policy.contactHours, ...j.contactHours }))}
                </li>
              ),
          )}
        </ul>
      )}
      {policy.caps.length > 0 && <p>{s.policyCaps(policy.caps.map(capInWords).join('; '))}</p>}
      {hours && beyondPolicy(hours, policy.contactHours) && <p className="settings__beyond">{s.outsidePolicy}</p>}
    </div>
  )
}
