import { validate } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { fieldMessage, nodeProblems } from './field-errors'

describe('nodeProblems', () => {
  it('puts a validator finding next to the field its path names', () => {
    const document = sampleJourney()
    const age = document.nodes.find((node) => node.id === 'age')!
    age.data = { branches: [{ id: 'young', label: 'Young', when: 'debtor.agee < 26' }] }
    const tone = document.nodes.find((node) => node.id === 'tone')!
    tone.data = {
      variants: [
        { id: 'a', label: 'A', weight: 30 },
        { id: 'b', label: 'B', weight: 50 },
      ],
    }
    const diagnostics = validate(document)
    const onAge = nodeProblems(diagnostics, document, 'age')
    expect([...onAge.byField.keys()]).toContain('branches.0.when')
    const onTone = nodeProblems(diagnostics, document, 'tone')
    expect(onTone.byField.size + onTone.general.length).toBeGreaterThan(0)
  })

  it('drops the path from a schema message shown under its field', () => {
    expect(fieldMessage({ severity: 'error', code: 'schema', message: 'data.branches[0].when must not be empty', path: [] })).toBe('must not be empty')
  })
})
