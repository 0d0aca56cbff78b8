import { describe, expect, it } from 'vitest'
import { durationFromParts, durationParts, durationUnits, durationWords } from '@dunwell/journey'

describe('durationParts', () => {
  it('reads a duration of one unit as a number and that unit', () => {
    expect(durationParts('P3D')).toEqual({ amount: 3, unit: 'days' })
    expect(durationParts('PT12H')).toEqual({ amount: 12, unit: 'hours' })
    expect(durationParts('PT90M')).toEqual({ amount: 90, unit: 'minutes' })
    expect(durationParts('P2W')).toEqual({ amount: 2, unit: 'weeks' })
    expect(durationParts('P1M')).toEqual({ amount: 1, unit: 'months' })
    expect(durationParts('P1Y')).toEqual({ amount: 1, unit: 'years' })
  })

  it('keeps a zero, which the validator then reports', () => {
    expect(durationParts('P0D')).toEqual({ amount: 0, unit: 'days' })
  })

  it('has nothing for what one number and one unit cannot say', () => {
    for (const iso of ['P1DT2H', 'P1.5D', 'PT30S', 'P1M3D', '3 days', '', 'P', 'PT']) expect(durationParts(iso), iso).toBeUndefined()
  })
})

describe('durationFromParts', () => {
  it('writes ISO 8601', () => {
    expect(durationFromParts({ amount: 3, unit: 'days' })).toBe('P3D')
    expect(durationFromParts({ amount: 12, unit: 'hours' })).toBe('PT12H')
    expect(durationFromParts({ amount: 30, unit: 'minutes' })).toBe('PT30M')
    expect(durationFromParts({ amount: 1, unit: 'months' })).toBe('P1M')
  })

  it('is the inverse of durationParts for every unit', () => {
    for (const unit of durationUnits) {
      for (const amount of [1, 7, 45]) expect(durationParts(durationFromParts({ amount, unit }))).toEqual({ amount, unit })
    }
  })
})

describe('durationWords', () => {
  it('says a duration as the step card does', () => {
    expect(durationWords('P3D')).toBe('3 days')
    expect(durationWords('P1D', { businessDays: true })).toBe('1 business day')
    expect(durationWords('P3D', { businessDays: true })).toBe('3 business days')
    expect(durationWords('P1DT2H')).toBe('1 day, 2 hours')
    expect(durationWords('P10D')).toBe('10 days')
    expect(durationWords('P10D', { businessDays: true })).toBe('10 business days')
    expect(durationWords('PT1H90M')).toBe('2 hours, 30 minutes')
  })
})
