import { localeCode } from '@dunwell/journey'
import { useState } from 'react'
import { FieldMessages } from '../inspector/FieldMessages'
import { useDiagnostics, useDocument } from '../store'
import { Icon } from '../ui/Icon'
import { missingTranslations, settingFieldId } from './setting-fields'
import { useSettings } from './settings-context'
import { SettingSection } from './SettingSection'
import { languageName, s } from './strings'

/** A few languages to pick from; any language tag can be typed. */
const suggested = ['de', 'en', 'fr', 'it', 'es', 'nl', 'pl', 'pt', 'tr', 'de-AT', 'de-CH', 'en-GB', 'en-US']

/** The journey's languages and its default, and the templates a new language still lacks. */
export function LanguagesSection({ onOpenTemplate }: { onOpenTemplate: (id: string) => void }) {
  const { settings, problems, update } = useSettings()
  const document = useDocument()
  const diagnostics = useDiagnostics()
  const [code, setCode] = useState('')
  const missing = missingTranslations(diagnostics, document)
  const localesId = settingFieldId('settings.locales')
  const defaultId = settingFieldId('settings.defaultLocale')
  const typed = code.trim()
  const refusal = !typed ? undefined : settings.locales.includes(typed) ? s.alreadyThere(typed) : localeCode.safeParse(typed).success ? undefined : s.notACode
  const defaultProblems = problems.byField.get('settings.defaultLocale')

  const add = () => {
    if (!typed || refusal) return
    update({ ...settings, locales: [...settings.locales, typed] })
    setCode('')
  }

  return (
    <SettingSection id="settings-languages" title={s.languages}>
      <fieldset className="field" id={localesId} tabIndex={-1} aria-describedby={`${localesId}-messages`}>
        <legend className="visually-hidden">{s.languages}</legend>
        <ul className="settings__locales">
          {settings.locales.map((locale) => (
            <li key={locale} className="settings__locale">
              <span>
                {languageName(locale)} <span className="mono muted">{locale}</span>
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={s.removeLanguage(languageName(locale))}
                title={locale === settings.defaultLocale ? s.defaultStays : s.removeLanguage(languageName(locale))}
                disabled={locale === settings.defaultLocale}
                onClick={() => update({ ...settings, locales: settings.locales.filter((candidate) => candidate !== locale) })}
              >
                <Icon name="x" size={14} />
              </button>
            </li>
          ))}
        </ul>
        <FieldMessages id={`${localesId}-messages`} diagnostics={problems.byField.get('settings.locales')} help={s.languagesHelp} />
      </fieldset>
      <form
        className="settings__add"
        onSubmit={(event) => {
          event.preventDefault()
          add()
        }}
      >
        <div className="field">
          <label htmlFor="settings-new-locale">{s.languageCode}</label>
          <input
            id="settings-new-locale"
            className="mono"
            value={code}
            list="settings-locale-suggestions"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={refusal ? true : undefined}
            aria-describedby="settings-new-locale-messages"
            onChange={(event) => setCode(event.target.value)}
          />
          <datalist id="settings-locale-suggestions">
            {suggested
              .filter((candidate) => !settings.locales.includes(candidate))
              .map((candidate) => (
                <option key={candidate} value={candidate} label={languageName(candidate)} />
              ))}
          </datalist>
          <FieldMessages id="settings-new-locale-messages" live={refusal} help={refusal ? undefined : s.languageCodeHelp} />
        </div>
        <button type="submit" className="button" disabled={!typed || Boolean(refusal)}>
          <Icon name="plus" /> {s.addLanguage}
        </button>
      </form>
      <div className="field">
        <label htmlFor={defaultId}>{s.defaultLanguage}</label>
        <select
          id={defaultId}
          value={settings.defaultLocale}
          aria-invalid={defaultProblems?.some((diagnostic) => diagnostic.severity === 'error') || undefined}
          aria-describedby={`${defaultId}-messages`}
          onChange={(event) => update({ ...settings, defaultLocale: event.target.value })}
        >
          {!settings.locales.includes(settings.defaultLocale) && <option value={settings.defaultLocale}>{settings.defaultLocale}</option>}
          {settings.locales.map((locale) => (
            <option key={locale} value={locale}>
              {languageName(locale)} ({locale})
            </option>
          ))}
        </select>
        <FieldMessages id={`${defaultId}-messages`} diagnostics={defaultProblems} help={s.defaultLanguageHelp} />
      </div>
      {missing.length > 0 && (
        <div className="notice notice--warning settings__missing" role="note" aria-label={s.missingHeading(missing.length)}>
          <strong>{s.missingHeading(missing.length)}</strong>
          <p>{s.missingIntro}</p>
          <ul>
            {missing.map((template) => (
              <li key={template.id}>
                <button type="button" className="link-button" aria-label={s.openTemplate(template.name)} onClick={() => onOpenTemplate(template.id)}>
                  {template.name}
                </button>{' '}
                <span className="mono muted">{template.id}</span> · {s.missingIn(template.locales)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </SettingSection>
  )
}
