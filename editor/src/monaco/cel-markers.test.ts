import { checkCondition, checkValueExpression } from '@dunwell/journey'
import { describe, expect, it } from 'vitest'
import { celMarker } from './cel-markers'

describe('celMarker', () => {
  it('gives nothing for a good expression', () => {
    expect(celMarker('case.amountDue >= 100.0', checkCondition('case.amountDue >= 100.0'))).toBeUndefined()
  })

  it('underlines the unknown field the library names, with the message in words', () => {
    const source = 'case.amountDu > 1.0'
    expect(celMarker(source, checkCondition(source))).toEqual({ start: 5, end: 13, message: 'Unknown field case.amountDu — did you mean case.amountDue?' })
  })

  it('underlines the last character when the expression stops short', () => {
    const source = 'case.amountDue >='
    expect(celMarker(source, checkCondition(source))).toMatchObject({ start: source.length - 1, end: source.length })
  })

  it('underlines the whole expression when the fault is its type', () => {
    const source = 'case.amountDue + 1.0'
    expect(celMarker(source, checkCondition(source))).toEqual({ start: 0, end: source.length, message: 'must be true or false, but gives a double' })
    expect(celMarker(source, checkValueExpression(source))).toBeUndefined()
  })

  it('marks a hostile expression without running it', () => {
    const source = `${'('.repeat(200)}1${')'.repeat(200)} == 1`
    const marker = celMarker(source, checkCondition(source))
    expect(marker?.message).toBeTruthy()
    expect(marker!.end).toBeLessThanOrEqual(source.length)
  })
})
