import { templateFields } from '@dunwell/journey'
import { describe, expect, it } from 'vitest'
import { caseInput } from '../engine/testing'
import { debtorSchema } from '@dunwell/contract'
import { templateFacts } from '../engine/case-facts'

// The validator warns of a template field outside `templateFields`: it must list everything a message is given.
describe('the template fields the validator knows', () => {
  it('cover every debtor field a case may carry, and every case fact a message gets', () => {
    expect(templateFields.debtor).toEqual(expect.arrayContaining(Object.keys(debtorSchema.shape)))
    const input = caseInput('c-1', { debtor: { birthDate: '1980-01-01' } })
    const record = {
      id: 'c-1',
      debtor: input.debtor,
      currency: 'EUR',
      amountDue: 100,
      balance: 100,
      dueDate: '2026-11-01',
      attributes: {},
      createdAt: 0,
      updatedAt: 0,
    }
    const facts = templateFacts(record as never, Date.parse('2026-11-23T09:00:00Z'), 'UTC')
    expect(templateFields.case).toEqual(expect.arrayContaining(Object.keys(facts.case)))
    expect(templateFields.debtor).toEqual(expect.arrayContaining(Object.keys(facts.debtor)))
  })
})
