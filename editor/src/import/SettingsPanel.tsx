import { dateFormats, decimals, encodings, separators, thousandsMarks, type ImportReport, type ImportSettings, type SettingName } from './import-api'
import { t } from './strings'

const choices: Record<Exclude<SettingName, 'currency'>, readonly string[]> = {
  encoding: encodings,
  separator: separators,
  decimal: decimals,
  thousands: thousandsMarks,
  dateFormat: dateFormats,
}
const currencies = ['EUR', 'CHF', 'GBP', 'USD', 'PLN', 'SEK', 'DKK', 'NOK', 'CZK']

/** Every setting the dry run used, as the server reported it; what it used is what the import will be told. */
export function settingsOf(report: ImportReport): ImportSettings {
  const settings: Record<string, string> = {}
  for (const [name, setting] of Object.entries(report.settings)) if (setting?.value) settings[name] = setting.value
  return settings as ImportSettings
}

/** How the file was read: each setting with how it was chosen, changeable. */
export function SettingsPanel({ report, onChange }: { report: ImportReport; onChange: (name: SettingName, value: string) => void }) {
  const names = (Object.keys(choices) as (keyof typeof choices)[]).filter((name) => report.settings[name])
  const currency = report.settings.currency
  // Without a currency column every amount needs one: nothing is assumed, the person chooses.
  const needsCurrency = currency?.value === null && !report.columns.some((column) => column.target === 'currency')
  return (
    <section className="card import__settings" aria-labelledby="import-settings">
      <h2 id="import-settings">{t.settingsHeading}</h2>
      <p className="muted">{t.settingsHint}</p>
      <div className="import__settings-grid">
        {names.map((name) => {
          const setting = report.settings[name]!
          // Undecidable but harmless (typed Excel cells, no amount or date refused): said so, not flagged.
          const needed = setting.value === null && report.counts.refuse > 0
          const note = setting.value === null && !needed ? t.notNeeded : t.source[setting.source]
          return (
            <label key={name} className="field" data-setting={name}>
              <span>{t.setting[name]}</span>
              <select value={setting.value ?? ''} onChange={(event) => onChange(name, event.target.value)} className={needed ? 'import__missing' : ''}>
                {setting.value === null && <option value="">{t.choose_}</option>}
                {choices[name].map((choice) => (
                  <option key={choice} value={choice}>
                    {t.choice[choice] ?? choice}
                  </option>
                ))}
              </select>
              <small className={needed ? 'import__bad' : 'muted'}>{note}</small>
            </label>
          )
        })}
        {currency && (
          <label className="field" data-setting="currency">
            <span>{t.currencyLabel}</span>
            <select
              value={currency.value ?? ''}
              onChange={(event) => onChange('currency', event.target.value)}
              className={needsCurrency ? 'import__missing' : ''}
            >
              <option value="">{needsCurrency ? t.choose_ : t.currencyNone}</option>
              {[...new Set([...(currency.value ? [currency.value] : []), ...currencies])].map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
            <small className={needsCurrency ? 'import__bad' : 'muted'}>{needsCurrency ? t.source.undetermined : t.source[currency.source]}</small>
          </label>
        )}
      </div>
    </section>
  )
}
