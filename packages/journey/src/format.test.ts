import { describe, expect, it } from 'vitest'
import { format, type Journey } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'

function shuffledKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffledKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, shuffledKeys(inner)]),
  )
}

describe('format', () => {
  it('writes the same text whatever order the keys came in', () => {
    expect(format(shuffledKeys(sampleJourney()))).toBe(format(sampleJourney()))
  })

  it('puts the document’s keys in the contract’s order, two-space indented, with a final newline', () => {
    const text = format(sampleJourney())
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'id', 'name', 'settings', 'nodes', 'edges', 'templates'])
    expect(Object.keys(JSON.parse(text).nodes[0])).toEqual(['id', 'type', 'position', 'data'])
    expect(text.split('\n')[1]).toBe('  "format": "dunwell/journey@1",')
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('sorts templates and locales, and keeps the order of nodes and edges', () => {
    const journey = sampleJourney()
    journey.templates = Object.fromEntries(Object.entries(journey.templates).reverse())
    const parsed = JSON.parse(format(journey)) as Journey
    expect(Object.keys(parsed.templates)).toEqual(['chat', 'letter', 'nudge', 'reminder', 'script'])
    expect(Object.keys(parsed.templates.reminder!.body)).toEqual(['de', 'en'])
    expect(parsed.nodes.map((node) => node.id)).toEqual(sampleJourney().nodes.map((node) => node.id))
  })

  it('is idempotent and loses nothing', () => {
    const once = format(sampleJourney())
    expect(format(JSON.parse(once))).toBe(once)
    expect(JSON.parse(once)).toEqual(sampleJourney())
  })

  it('makes a one-field change a one-line diff', () => {
    const before = format(sampleJourney()).split('\n')
    const journey = sampleJourney()
    const pause = journey.nodes.find((node) => node.id === 'pause')!
    pause.data = { for: 'P5D', businessDays: true }
    const after = format(journey).split('\n')
    expect(after).toHaveLength(before.length)
    const changed = after.filter((line, index) => line !== before[index])
    expect(changed).toEqual(['        "for": "P5D",'])
  })

  it('refuses a document that does not fit the schema rather than writing it half-way', () => {
    expect(() => format({ format: 'dunwell/journey@1', id: 'x' })).toThrow()
  })
})
