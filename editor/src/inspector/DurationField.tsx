import { durationFromParts, durationParts, durationUnits, durationWords, type DurationUnit } from '@dunwell/journey'
import { useEffect, useId, useState } from 'react'
import { getAt, setAt, type DataPath } from './data-edits'
import { pathKey } from './field-errors'
import type { FieldProps } from './FieldView'
import { FieldMessages } from './FieldMessages'
import { useEditSession } from './useEditSession'

/** What the unit select offers: the units of one number, and business days where a flag of the data allows them. */
type Unit = DurationUnit | 'business-days'

const unitNames: Record<Unit, string> = {
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  'business-days': 'business days',
  weeks: 'weeks',
  months: 'months',
  years: 'years',
}

const wholeNumber = /^\s*\d+\s*$/

/**
 * A duration as a number and a unit, stored as ISO 8601 (`P3D`). A value that one number and one unit cannot say
 * (`P1DT2H`) is shown as the text it is, with a note, so that nothing is rounded away.
 */
export function DurationField({ field, path, ctx }: FieldProps<'text'>) {
  const id = useId()
  const unitId = `${id}-unit`
  const messagesId = `${id}-messages`
  const session = useEditSession(`${ctx.node.id}:${pathKey(path)}`)
  const value = (getAt(ctx.node.data, path) as string | undefined) ?? ''
  const flagPath: DataPath | undefined = field.type.businessDays ? [...path.slice(0, -1), field.type.businessDays] : undefined
  const business = flagPath ? getAt(ctx.node.data, flagPath) === true : false
  const parts = value === '' ? undefined : durationParts(value)
  // Business days are counted in days; business weeks or hours are real but need the text and the checkbox.
  const simple = value === '' || (parts !== undefined && (!business || parts.unit === 'days'))
  const unitOfValue: Unit | undefined = parts ? (business && parts.unit === 'days' ? 'business-days' : parts.unit) : undefined

  const [unit, setUnit] = useState<Unit>(unitOfValue ?? 'days')
  const [amount, setAmount] = useState(parts ? String(parts.amount) : '')
  // Typing ISO text into the fallback stays text until the field is left, even once the text reads simply.
  const [typing, setTyping] = useState(false)
  // Someone who knows ISO 8601 may prefer to type it.
  const [asText, setAsText] = useState(false)
  const textMode = !simple || typing || asText
  // Undo, or an edit elsewhere, changes the value under the field.
  useEffect(() => {
    if (unitOfValue) setUnit(unitOfValue)
    setAmount((current) => (parts && Number(current) === parts.amount && wholeNumber.test(current) ? current : parts ? String(parts.amount) : ''))
    // `parts` and `unitOfValue` are derived from these two.
  }, [value, business])

  const diagnostics = [...(ctx.problems.byField.get(pathKey(path)) ?? []), ...(flagPath ? (ctx.problems.byField.get(pathKey(flagPath)) ?? []) : [])]
  const amountProblem = textMode
    ? undefined
    : amount.trim() === ''
      ? field.optional
        ? undefined
        : 'Enter how many'
      : !wholeNumber.test(amount)
        ? 'Enter a whole number, e.g. 3'
        : undefined
  const invalid = Boolean(amountProblem) || diagnostics.some((diagnostic) => diagnostic.severity === 'error')

  const write = (nextAmount: string, nextUnit: Unit, edit?: string) => {
    let data = ctx.node.data
    if (nextAmount.trim() === '') {
      // An optional duration left empty is removed; a required one keeps its value until a number is typed.
      if (!field.optional || value === '') return
      data = setAt(data, path, undefined)
      if (flagPath) data = setAt(data, flagPath, undefined)
    } else if (wholeNumber.test(nextAmount)) {
      const iso = durationFromParts({ amount: Number(nextAmount), unit: nextUnit === 'business-days' ? 'days' : nextUnit })
      data = setAt(data, path, iso)
      if (flagPath) data = setAt(data, flagPath, nextUnit === 'business-days' ? true : undefined)
    } else return
    ctx.edit(data, edit)
  }

  const units: Unit[] = durationUnits.flatMap((candidate): Unit[] => (candidate === 'days' && flagPath ? ['days', 'business-days'] : [candidate]))
  const words = (value && parts) || !simple ? durationWords(value, { businessDays: business }) : undefined

  const head = (
    <label htmlFor={id}>
      {field.label}
      {field.optional && <span className="field__optional"> (optional)</span>}
    </label>
  )

  const toggle = simple && (
    <button type="button" className="link-button" aria-pressed={asText} onClick={() => setAsText((text) => !text)}>
      {asText ? 'Use number and unit' : 'Type as ISO 8601'}
    </button>
  )

  if (textMode) {
    let note: string | undefined
    if (!simple && parts) note = `Business days counted in ${parts.unit} (${words}) can only be typed as ISO 8601 text here.`
    else if (!simple && words !== value)
      note = `${words}: more than one unit or a fraction, so it is typed as ISO 8601 text. Type e.g. P3D to get the number and unit back.`
    return (
      <div className="field">
        <div className="field__head">
          {head}
          {toggle}
        </div>
        <input
          id={id}
          type="text"
          className="mono"
          value={value}
          placeholder="P3D"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={messagesId}
          onFocus={() => {
            session.start()
            setTyping(true)
          }}
          onBlur={() => {
            session.end()
            setTyping(false)
          }}
          onChange={(event) =>
            ctx.edit(setAt(ctx.node.data, path, event.target.value === '' && field.optional ? undefined : event.target.value), session.current())
          }
        />
        {flagPath && (
          <label className="field--check">
            <input type="checkbox" checked={business} onChange={(event) => ctx.edit(setAt(ctx.node.data, flagPath, event.target.checked ? true : undefined))} />
            Count business days only
          </label>
        )}
        <FieldMessages id={messagesId} diagnostics={diagnostics} help={[note, field.help].filter(Boolean).join(' ') || undefined} />
      </div>
    )
  }

  return (
    <div className="field">
      <div className="field__head">
        {head}
        {toggle}
      </div>
      <div className="duration">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={amount}
          placeholder="3"
          aria-invalid={invalid || undefined}
          aria-describedby={messagesId}
          onFocus={session.start}
          onBlur={() => {
            session.end()
            // What was not stored is not kept: the field shows the document again.
            if (parts && !wholeNumber.test(amount)) setAmount(String(parts.amount))
          }}
          onChange={(event) => {
            setAmount(event.target.value)
            write(event.target.value, unit, session.current())
          }}
        />
        <label htmlFor={unitId} className="visually-hidden">
          {field.label} unit
        </label>
        <select
          id={unitId}
          value={unit}
          aria-describedby={messagesId}
          onFocus={session.start}
          onBlur={session.end}
          onChange={(event) => {
            const next = event.target.value as Unit
            setUnit(next)
            write(amount, next, session.current())
          }}
        >
          {units.map((candidate) => (
            <option key={candidate} value={candidate}>
              {unitNames[candidate]}
            </option>
          ))}
        </select>
      </div>
      <FieldMessages
        id={messagesId}
        live={amountProblem}
        diagnostics={diagnostics}
        help={[words && `${words} (${value})`, field.help].filter(Boolean).join('. ') || undefined}
      />
    </div>
  )
}
