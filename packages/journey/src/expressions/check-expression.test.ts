import { describe, expect, it } from 'vitest'
import { checkCondition, checkValueExpression } from './check-expression'

describe('checkCondition', () => {
  it('accepts a condition on the declared fields', () => {
    expect(checkCondition("case.amountDue >= 100.0 && debtor.country == 'DE'")).toEqual({ ok: true })
  })

  it('names the offsets of the fault when the library gives them', () => {
    expect(checkCondition('case.amountDu > 1.0')).toEqual({
      ok: false,
      message: '`case.amountDu > 1.0`: Unknown field case.amountDu — did you mean case.amountDue?',
      range: { start: 5, end: 13 },
    })
    expect(checkCondition('nobody.age > 1')).toMatchObject({ ok: false, range: { start: 0, end: 6 } })
    expect(checkValueExpression('case.amountDue +')).toMatchObject({ ok: false, range: { start: 16, end: 16 } })
  })

  it('has no range when the whole expression is at fault', () => {
    expect(checkCondition('case.amountDue')).toEqual({ ok: false, message: 'must be true or false, but gives a double' })
  })
})
