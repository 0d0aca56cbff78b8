import { useId, useState } from 'react'
import type { SampleCase } from '../templates/sample-cases'

const zones = [
  'Europe/Berlin',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Warsaw',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Asia/Singapore',
  'Australia/Sydney',
  'UTC',
]

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The sample case's fields people vary in a test, as a form; everything else as JSON. */
export function CaseForm({ sample, locales, onChange }: { sample: SampleCase; locales: string[]; onChange: (sample: SampleCase) => void }) {
  const uid = useId()
  const [mode, setMode] = useState<'form' | 'json'>('form')
  const debtor = sample.debtor
  const setDebtor = (patch: Partial<SampleCase['debtor']>) => {
    const next = { ...debtor, ...patch }
    for (const key of Object.keys(patch) as (keyof SampleCase['debtor'])[]) if (patch[key] === undefined || patch[key] === '') delete next[key]
    onChange({ ...sample, debtor: next })
  }
  const zoneInvalid = debtor.timezone !== undefined && !isTimeZone(debtor.timezone)

  return (
    <div className="testrun__case">
      <div className="testrun__mode" role="group" aria-label="Edit the case as">
        <button
          type="button"
          className={`testrun__mode-button ${mode === 'form' ? 'testrun__mode-button--on' : ''}`}
          aria-pressed={mode === 'form'}
          onClick={() => setMode('form')}
        >
          Fields
        </button>
        <button
          type="button"
          className={`testrun__mode-button ${mode === 'json' ? 'testrun__mode-button--on' : ''}`}
          aria-pressed={mode === 'json'}
          onClick={() => setMode('json')}
        >
          JSON
        </button>
      </div>
      {mode === 'json' ? (
        <JsonField
          label="Case as JSON"
          value={sample}
          rows={14}
          onChange={(value) => onChange(value as SampleCase)}
          check={(value) =>
            typeof value === 'object' && value && !Array.isArray(value) && typeof (value as SampleCase).id === 'string'
              ? undefined
              : 'must be a case object with an "id"'
          }
        />
      ) : (
        <div className="testrun__grid">
          <label className="testrun__field">
            <span>Amount due</span>
            <input
              type="number"
              min={0}
              step="0.01"
              value={sample.amountDue}
              onChange={(event) => onChange({ ...sample, amountDue: Number(event.target.value) })}
            />
          </label>
          <label className="testrun__field">
            <span>Currency</span>
            <input value={sample.currency} maxLength={3} onChange={(event) => onChange({ ...sample, currency: event.target.value.toUpperCase() })} />
          </label>
          <label className="testrun__field">
            <span>Locale</span>
            <input value={debtor.locale ?? ''} list={`${uid}-locales`} onChange={(event) => setDebtor({ locale: event.target.value })} />
            <datalist id={`${uid}-locales`}>
              {locales.map((locale) => (
                <option key={locale} value={locale} />
              ))}
            </datalist>
          </label>
          <label className="testrun__field">
            <span>Birth date</span>
            <input type="date" value={debtor.birthDate ?? ''} onChange={(event) => setDebtor({ birthDate: event.target.value })} />
          </label>
          <label className="testrun__field testrun__field--wide">
            <span>Time zone</span>
            <input
              value={debtor.timezone ?? ''}
              list={`${uid}-zones`}
              aria-invalid={zoneInvalid}
              onChange={(event) => setDebtor({ timezone: event.target.value })}
            />
            <datalist id={`${uid}-zones`}>
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            {zoneInvalid && <small className="testrun__error">Not a time zone: use a name such as Europe/Berlin</small>}
          </label>
          <label className="testrun__field testrun__field--wide">
            <span>Email</span>
            <input type="email" value={debtor.email ?? ''} placeholder="none: no emails" onChange={(event) => setDebtor({ email: event.target.value })} />
          </label>
          <label className="testrun__field testrun__field--wide">
            <span>Phone</span>
            <input type="tel" value={debtor.phone ?? ''} placeholder="none: no SMS or calls" onChange={(event) => setDebtor({ phone: event.target.value })} />
          </label>
          <div className="testrun__field testrun__field--wide">
            <JsonField
              label="Attributes"
              value={sample.attributes ?? {}}
              rows={3}
              onChange={(value) => onChange({ ...sample, attributes: value as Record<string, unknown> })}
              check={(value) =>
                typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'must be an object, e.g. {"segment": "new"}'
              }
            />
          </div>
        </div>
      )}
    </div>
  )
}

/** A JSON text area that hands on only valid values, and says what is wrong with the others. */
function JsonField({
  label,
  value,
  rows,
  onChange,
  check,
}: {
  label: string
  value: unknown
  rows: number
  onChange: (value: unknown) => void
  check: (value: unknown) => string | undefined
}) {
  const uid = useId()
  const [text, setText] = useState(() => JSON.stringify(value, null, 2))
  const [problem, setProblem] = useState<string>()
  return (
    <>
      <label htmlFor={`${uid}-json`} className="testrun__label">
        {label}
      </label>
      <textarea
        id={`${uid}-json`}
        className="mono testrun__json"
        rows={rows}
        spellCheck={false}
        value={text}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? `${uid}-problem` : undefined}
        onChange={(event) => {
          setText(event.target.value)
          let parsed: unknown
          try {
            parsed = JSON.parse(event.target.value)
          } catch (error) {
            setProblem(`Not JSON yet: ${error instanceof Error ? error.message : String(error)}`)
            return
          }
          const wrong = check(parsed)
          setProblem(wrong)
          if (!wrong) onChange(parsed)
        }}
      />
      {problem && (
        <small id={`${uid}-problem`} className="testrun__error">
          {problem}
        </small>
      )}
    </>
  )
}
