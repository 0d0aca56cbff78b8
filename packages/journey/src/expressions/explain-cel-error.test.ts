import { describe, expect, it } from 'vitest'
import { checkCondition, checkValueExpression } from '@dunwell/journey'

/** The message as the inspector shows it, under the field (without the source the validator quotes). */
function said(source: string, check = checkCondition): string {
  const result = check(source)
  if (result.ok) throw new Error(`${source} is valid`)
  return result.message.replace(`\`${source}\`: `, '')
}

describe('CEL errors in a user’s words', () => {
  it('says what is missing when a condition ends too early, and keeps the position', () => {
    expect(said('case.amountDue >=')).toBe('The condition ends too early: something is missing after `>=`')
    expect(checkCondition('case.amountDue >=')).toMatchObject({ range: { start: 17, end: 17 } })
    expect(said('case.amountDue > 1.0 &&')).toBe('The condition ends too early: something is missing after `&&`')
    expect(said('case.amountDue +', checkValueExpression)).toBe('The value ends too early: something is missing after `+`')
    expect(said('case.')).toBe('The condition ends too early: a field name is missing after `case.`')
  })

  it('names brackets and quotes left open or closed twice', () => {
    expect(said('(case.amountDue > 1.0')).toBe('A `(` is never closed: add `)` at the end')
    expect(said('debtor.age in [1, 2')).toBe('A `[` is never closed: add `]` at the end')
    expect(said('case.amountDue > 1.0)')).toBe('This `)` has no matching `(`')
    expect(said("debtor.country == 'DE")).toBe("A text in quotes is not closed: add ' after `DE`")
  })

  it('suggests the operator that was meant', () => {
    expect(said('case.amountDue = 100.0')).toBe('A single `=` is not a comparison: write `==` for “equals”')
    expect(said('case.amountDue > 1.0 and debtor.age > 3')).toBe('Write `&&` for “and”')
    expect(said('debtor.age > 1 &')).toBe('Write `&&` for “and”')
    expect(said('case.amountDue > 1,5')).toBe('Write decimals with a dot, e.g. 1.5, not 1,5')
    expect(said('case.amountDue > 1.0 debtor.age > 3')).toBe('`debtor` cannot follow `1.0` here: join two conditions with && (and) or || (or)')
  })

  it('offers the closest field or name for a typo, with the range of the typo', () => {
    expect(said('case.amountDu > 1.0')).toBe('Unknown field case.amountDu — did you mean case.amountDue?')
    expect(checkCondition('case.amountDu > 1.0')).toMatchObject({ range: { start: 5, end: 13 } })
    expect(said('cas.amountDue > 1.0')).toBe('Unknown name cas — did you mean case?')
    expect(said('debtor.country == DE')).toBe("Unknown name DE: put a text in quotes, e.g. 'DE'")
    expect(said('case.zzz > 1.0')).toContain('Unknown field case.zzz (case has id, amountDue')
  })

  it('says which values do not go together', () => {
    expect(said('case.amountDue > "x"')).toBe('Cannot use > on a decimal number and a text')
    expect(said('foo(1)')).toBe('There is no function foo() that takes a whole number')
  })
})
