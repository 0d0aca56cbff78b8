import { describe, expect, it } from 'vitest'
import { fieldsRead } from '@dunwell/journey'

describe('fieldsRead', () => {
  it('names each field a condition reads once, in order, however it is written', () => {
    expect(
      fieldsRead("debtor.age >= 18 && debtor.age < 26 && has(case.attributes.occupation) && case.attributes['tier'] == 'gold' || event.data.amount > 10.0"),
    ).toEqual(['debtor.age', 'case.attributes.occupation', 'case.attributes.tier', 'event.data.amount'])
  })

  it('reads the list a loop runs over and the fields its body names, not the loop’s own variable', () => {
    expect(fieldsRead('case.attributes.items.exists(i, i > debtor.age)')).toEqual(['case.attributes.items', 'debtor.age'])
  })

  it('is empty for a condition that names no field or does not parse', () => {
    expect(fieldsRead('true')).toEqual([])
    expect(fieldsRead('debtor.age >=')).toEqual([])
  })
})
