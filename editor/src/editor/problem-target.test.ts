import { validate } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { problemTarget } from './problem-target'

describe('problemTarget', () => {
  it('names the step, the arrow (one the canvas cannot draw too) or the setting a problem is about', () => {
    const journey = sampleJourney()
    journey.edges.push({ id: 'stray', source: 'age', sourceHandle: 'old', target: 'tone' })
    journey.settings.defaultLocale = 'fr'
    journey.nodes[1] = { ...journey.nodes[1]!, data: { branches: [{ id: 'young', label: 'Young', when: 'debtor.age <' }] } } as never
    const targets = validate(journey).map((diagnostic) => [diagnostic.code, problemTarget(diagnostic, journey)])
    expect(targets).toContainEqual(['unknown-handle', { kind: 'arrow', id: 'stray' }])
    expect(targets).toContainEqual(['bad-expression', { kind: 'step', id: 'age' }])
    expect(targets).toContainEqual(['unknown-locale', { kind: 'setting', path: 'settings.defaultLocale' }])
  })

  it('finds a node or an edge by its place in the document when the problem names no id', () => {
    const journey = sampleJourney()
    expect(problemTarget({ path: ['nodes', 2, 'data'] }, journey)).toEqual({ kind: 'step', id: 'tone' })
    expect(problemTarget({ path: ['edges', 0] }, journey)).toEqual({ kind: 'arrow', id: 'e1' })
    expect(problemTarget({ path: ['name'] }, journey)).toEqual({ kind: 'setting', path: 'name' })
    expect(problemTarget({ path: ['edges', 99] }, journey)).toBeUndefined()
    expect(problemTarget({ path: ['templates', 'reminder', 'body', 'en'] }, journey)).toEqual({ kind: 'template', id: 'reminder' })
    expect(problemTarget({ path: [] }, journey)).toBeUndefined()
  })
})
