import { describe, expect, it } from 'vitest'
import { celCompletions, celHover } from './cel-completions'

const labels = (before: string) => celCompletions(before).items.map((item) => item.label)

describe('celCompletions', () => {
  it('offers the three roots, the functions and the keywords at the start', () => {
    const result = celCompletions('')
    expect(result.replace).toBe(0)
    expect(labels('')).toEqual(expect.arrayContaining(['case', 'debtor', 'event', 'has', 'size', 'timestamp', 'duration', 'true', 'in']))
  })

  it("offers case's declared fields with their types after `case.`, replacing the word being typed", () => {
    const result = celCompletions('debtor.age > 30 && case.amo')
    expect(result.replace).toBe(3)
    expect(result.items.find((item) => item.label === 'amountDue')).toMatchObject({ kind: 'field', detail: 'double', insertText: 'amountDue' })
    expect(result.items.find((item) => item.label === 'daysPastDue')).toMatchObject({ detail: 'int' })
    expect(labels('case.')).not.toContain('firstName')
  })

  it('offers the fields of debtor and event', () => {
    expect(labels('debtor.')).toEqual(expect.arrayContaining(['firstName', 'email', 'locale', 'age', 'attributes']))
    expect(labels('event.')).toEqual(['type', 'data'])
  })

  it("offers a field's methods by its type", () => {
    expect(labels('debtor.email.')).toEqual(expect.arrayContaining(['startsWith', 'endsWith', 'matches', 'contains']))
    expect(labels('debtor.email.')).not.toContain('exists')
    expect(labels('case.amountDue.')).toEqual([])
    expect(labels('case.nothing.')).toEqual([])
  })

  it('offers every method after an expression whose type is not known, as snippets', () => {
    const items = celCompletions('timestamp(case.dueDate).').items
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(['getDayOfWeek', 'exists', 'all', 'startsWith']))
    expect(items.find((item) => item.label === 'exists')).toMatchObject({ kind: 'method', snippet: true, insertText: 'exists(${1:x}, ${2:condition})' })
    expect(new Set(items.map((item) => item.label)).size).toBe(items.length)
  })

  it('offers nothing inside a string or after a decimal point', () => {
    expect(labels("debtor.country == 'ca")).toEqual([])
    expect(labels('debtor.country == "it\\" ca')).toEqual([])
    expect(labels('case.amountDue > 100.')).toEqual([])
    expect(labels("debtor.country == 'DE' && ca")).toContain('case')
  })
})

describe('celCompletions on hostile text', () => {
  it('answers a pasted wall of names and dots at once', () => {
    const wall = `${'a.'.repeat(50_000)}`
    const started = performance.now()
    celCompletions(wall)
    celCompletions(`${'"'.repeat(10_001)}case.`)
    expect(performance.now() - started).toBeLessThan(200)
  })
})

describe('celHover', () => {
  it('names a declared field with its type, and a root with what it holds', () => {
    const text = "case.amountDue >= 100.0 && debtor.country == 'DE'"
    expect(celHover(text, text.indexOf('amountDue') + 2)).toEqual({
      start: 0,
      end: 14,
      contents: '**case.amountDue**: `double`. A decimal number: compare it with a decimal, e.g. 100.0',
    })
    expect(celHover(text, text.indexOf('debtor') + 1)?.contents).toMatch(/^\*\*debtor\*\*: Who owes it/)
  })

  it('says nothing about other names, strings or deeper keys', () => {
    expect(celHover("debtor.country == 'case'", 20)).toBeUndefined()
    expect(celHover('size(x)', 1)).toBeUndefined()
    expect(celHover('case.attributes.score > 3', 17)).toBeUndefined()
    expect(celHover('case.nothing', 6)).toBeUndefined()
  })
})
