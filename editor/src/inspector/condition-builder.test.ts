import { checkCondition } from '@dunwell/journey'
import { describe, expect, it } from 'vitest'
import { buildCondition, parseCondition, type SimpleCondition } from './condition-builder'

describe('buildCondition', () => {
  const cases: [SimpleCondition, string][] = [
    [{ field: 'case.amountDue', operator: '>=', value: '100' }, 'case.amountDue >= 100.0'],
    [{ field: 'case.balance', operator: '<', value: '49.5' }, 'case.balance < 49.5'],
    [{ field: 'case.daysPastDue', operator: '>', value: '30' }, 'case.daysPastDue > 30'],
    [{ field: 'debtor.age', operator: '<', value: '26' }, 'debtor.age < 26'],
    [{ field: 'debtor.country', operator: '==', value: 'DE' }, 'debtor.country == "DE"'],
    [{ field: 'debtor.locale', operator: 'in', value: 'de, de-AT' }, 'debtor.locale in ["de", "de-AT"]'],
    [{ field: 'case.attributes', attribute: 'risk', operator: '==', value: 'high' }, 'case.attributes.risk == "high"'],
    [{ field: 'case.attributes', attribute: 'reminded', operator: '==', value: 'true' }, 'case.attributes.reminded == true'],
    [{ field: 'case.attributes', attribute: 'score', operator: '>=', value: '7' }, 'case.attributes.score >= 7'],
  ]

  it.each(cases)('writes %o as %s, a valid condition', (condition, expected) => {
    expect(buildCondition(condition)).toBe(expected)
    expect(checkCondition(expected)).toEqual({ ok: true })
  })

  it('escapes quotes in text values', () => {
    expect(buildCondition({ field: 'debtor.country', operator: '!=', value: 'a"b' })).toBe('debtor.country != "a\\"b"')
  })

  it('writes nothing while the value or the attribute name is missing', () => {
    expect(buildCondition({ field: 'case.amountDue', operator: '>=', value: ' ' })).toBeUndefined()
    expect(buildCondition({ field: 'case.attributes', attribute: '1bad', operator: '==', value: 'x' })).toBeUndefined()
    expect(buildCondition({ field: 'debtor.locale', operator: 'in', value: ' , ' })).toBeUndefined()
  })

  it('reads its own expressions back', () => {
    for (const [condition, expression] of cases) expect(parseCondition(expression)).toEqual(condition)
  })

  it('leaves other expressions to the text field', () => {
    expect(parseCondition('case.amountDue > 10.0 && debtor.age < 30')).toBeUndefined()
    expect(parseCondition('event.data.amount > 0')).toBeUndefined()
  })
})
