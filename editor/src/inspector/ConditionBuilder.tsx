import { useId, useState } from 'react'
import {
  buildCondition,
  conditionFields,
  operatorLabels,
  operatorsFor,
  parseCondition,
  type ConditionField,
  type ConditionOperator,
  type SimpleCondition,
} from './condition-builder'

const fieldLabels: Record<ConditionField, string> = {
  'case.amountDue': 'Amount due',
  'case.balance': 'Balance',
  'case.daysPastDue': 'Days past due',
  'debtor.age': 'Debtor age',
  'debtor.country': 'Debtor country',
  'debtor.locale': 'Debtor language',
  'debtor.preferredChannel': 'Preferred channel',
  'debtor.preferredTimeOfDay': 'Preferred time of day',
  'debtor.preferredLocale': 'Preferred language',
  'case.attributes': 'Case attribute…',
}

/** Field, operator and value, written as a CEL expression into the condition when the user says so. */
export function ConditionBuilder({ expression, label, onUse }: { expression: string; label: string; onUse: (expression: string) => void }) {
  const id = useId()
  const [condition, setCondition] = useState<SimpleCondition>(() => parseCondition(expression) ?? { field: 'case.amountDue', operator: '>=', value: '' })
  const built = buildCondition(condition)
  const operators = operatorsFor(condition.field)

  const update = (next: Partial<SimpleCondition>) => {
    const merged = { ...condition, ...next }
    if (!operatorsFor(merged.field).includes(merged.operator)) merged.operator = operatorsFor(merged.field)[0]!
    setCondition(merged)
  }

  return (
    <fieldset className="condition-builder">
      <legend className="visually-hidden">Build {label}</legend>
      <div className="condition-builder__row">
        <label className="condition-builder__part">
          <span>Field</span>
          <select value={condition.field} onChange={(event) => update({ field: event.target.value as ConditionField })}>
            {conditionFields.map((field) => (
              <option key={field} value={field}>
                {fieldLabels[field]}
              </option>
            ))}
          </select>
        </label>
        {condition.field === 'case.attributes' && (
          <label className="condition-builder__part">
            <span>Attribute</span>
            <input className="mono" value={condition.attribute ?? ''} placeholder="risk" onChange={(event) => update({ attribute: event.target.value })} />
          </label>
        )}
      </div>
      <div className="condition-builder__row">
        <label className="condition-builder__part">
          <span>Operator</span>
          <select value={condition.operator} onChange={(event) => update({ operator: event.target.value as ConditionOperator })}>
            {operators.map((operator) => (
              <option key={operator} value={operator}>
                {operatorLabels[operator]}
              </option>
            ))}
          </select>
        </label>
        <label className="condition-builder__part">
          <span>{condition.operator === 'in' ? 'Values (comma-separated)' : 'Value'}</span>
          <input value={condition.value} onChange={(event) => update({ value: event.target.value })} />
        </label>
      </div>
      <div className="condition-builder__foot">
        <code className="condition-builder__preview" id={`${id}-preview`} aria-live="polite">
          {built ?? 'Choose a field and type a value'}
        </code>
        <button type="button" className="button button--small" disabled={!built} aria-describedby={`${id}-preview`} onClick={() => built && onUse(built)}>
          Use condition
        </button>
      </div>
    </fieldset>
  )
}
