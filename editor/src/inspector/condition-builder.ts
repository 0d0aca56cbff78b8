import { expressionVariables } from '@dunwell/journey'

/**
 * A condition of the common shape `field operator value`, written as CEL. Types come from the CEL environment's
 * variables, so that money is compared with a decimal (`100.0`) and days with a whole number.
 */
export const conditionFields = [
  'case.amountDue',
  'case.balance',
  'case.daysPastDue',
  'debtor.age',
  'debtor.country',
  'debtor.locale',
  'debtor.preferredChannel',
  'debtor.preferredTimeOfDay',
  'debtor.preferredLocale',
  'case.attributes',
] as const
export type ConditionField = (typeof conditionFields)[number]

export const numberOperators = ['<', '<=', '==', '!=', '>=', '>'] as const
export const textOperators = ['==', '!=', 'in'] as const
export type ConditionOperator = (typeof numberOperators)[number] | (typeof textOperators)[number]

export interface SimpleCondition {
  field: ConditionField
  /** The attribute's name with `case.attributes`. */
  attribute?: string
  operator: ConditionOperator
  /** As typed; `in` takes a comma-separated list. */
  value: string
}

export const operatorLabels: Record<ConditionOperator, string> = {
  '<': 'less than',
  '<=': 'at most',
  '==': 'is',
  '!=': 'is not',
  '>=': 'at least',
  '>': 'more than',
  in: 'is one of',
}

type ValueType = 'double' | 'int' | 'string' | 'dyn'

export function fieldType(field: ConditionField): ValueType {
  const [root, name] = field.split('.') as [keyof typeof expressionVariables, string]
  const type = (expressionVariables[root] as Record<string, string>)[name]
  return type === 'double' || type === 'int' || type === 'string' ? type : 'dyn'
}

export function operatorsFor(field: ConditionField): readonly ConditionOperator[] {
  const type = fieldType(field)
  return type === 'string' ? textOperators : type === 'dyn' ? [...numberOperators, 'in'] : numberOperators
}

const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

function literal(value: string, type: ValueType): string {
  const text = value.trim()
  if (type === 'string') return JSON.stringify(text)
  if (type === 'double' || type === 'int') {
    const number = Number(text)
    if (text === '' || !Number.isFinite(number)) return JSON.stringify(text)
    if (type === 'int') return String(Math.trunc(number))
    return Number.isInteger(number) ? `${number}.0` : String(number)
  }
  // An attribute may hold anything: numbers and true/false as such, the rest as text.
  if (/^(true|false)$/.test(text)) return text
  if (text !== '' && Number.isFinite(Number(text))) return text
  return JSON.stringify(text)
}

/** The CEL expression of a simple condition, e.g. `case.amountDue >= 100.0`; undefined while incomplete. */
export function buildCondition(condition: SimpleCondition): string | undefined {
  const { field, operator, value } = condition
  if (field === 'case.attributes' && !ATTRIBUTE.test(condition.attribute ?? '')) return undefined
  const subject = field === 'case.attributes' ? `case.attributes.${condition.attribute}` : field
  const type = fieldType(field)
  if (operator === 'in') {
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
    if (items.length === 0) return undefined
    return `${subject} in [${items.map((item) => literal(item, type)).join(', ')}]`
  }
  if (value.trim() === '') return undefined
  return `${subject} ${operator} ${literal(value, type)}`
}

const SIMPLE =
  /^\s*(case\.attributes\.([A-Za-z_][A-Za-z0-9_]*)|[a-z]+\.[A-Za-z]+)\s*(<=|>=|==|!=|<|>|in)\s*(-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|true|false|\[[^\]]*\])\s*$/

function unquote(text: string): string {
  const trimmed = text.trim()
  if (/^"(?:[^"\\]|\\.)*"$/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as string
    } catch {
      return trimmed
    }
  }
  return trimmed.replace(/\.0$/, '')
}

/** Reads an expression back into the builder when it has the simple shape; undefined otherwise. */
export function parseCondition(expression: string): SimpleCondition | undefined {
  const match = SIMPLE.exec(expression)
  if (!match) return undefined
  const [, subject, attribute, operator, rest] = match as unknown as [string, string, string | undefined, ConditionOperator, string]
  const field = (attribute ? 'case.attributes' : subject) as ConditionField
  if (!conditionFields.includes(field) || !operatorsFor(field).includes(operator)) return undefined
  let value: string
  if (operator === 'in') {
    const list = /^\[(.*)\]$/.exec(rest)
    if (!list) return undefined
    value = (list[1] ?? '').split(',').map(unquote).filter(Boolean).join(', ')
  } else {
    value = unquote(rest)
  }
  return { field, ...(attribute ? { attribute } : {}), operator, value }
}
