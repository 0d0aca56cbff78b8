import { timeOfDayHours, timesOfDay } from '@dunwell/journey'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { preferredHours } from './index'

const workdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const
const hours = (start: string, end: string) => ({ start, end, days: [...workdays] })

describe('preferredHours', () => {
  it('narrows the hours to the preferred time of day', () => {
    expect(preferredHours(hours('08:00', '20:00'), 'evening')).toMatchObject({ hours: hours('17:00', '20:00'), preference: { applied: true } })
    expect(preferredHours(hours('09:00', '18:00'), 'morning').hours).toEqual(hours('09:00', '12:00'))
  })

  it('leaves the hours as they are without a preference, or with one it does not know', () => {
    expect(preferredHours(hours('08:00', '20:00'), null)).toEqual({ hours: hours('08:00', '20:00') })
    expect(preferredHours(hours('08:00', '20:00'), 'midnight')).toEqual({ hours: hours('08:00', '20:00') })
  })

  it('never narrows the hours to nothing: a preference that does not overlap them leaves them whole, and says so', () => {
    const result = preferredHours(hours('08:00', '17:00'), 'evening')
    expect(result.hours).toEqual(hours('08:00', '17:00'))
    expect(result.preference).toMatchObject({ applied: false, note: expect.stringContaining('the contact hours apply') })
  })

  it('always gives hours within the contact hours, not empty, and within the preference when it applies', () => {
    const time = fc
      .integer({ min: 0, max: 24 * 4 - 1 })
      .map((quarter) => `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`)
    fc.assert(
      fc.property(time, time, fc.constantFrom(...timesOfDay), (a, b, timeOfDay) => {
        fc.pre(a !== b)
        const [start, end] = a < b ? [a, b] : [b, a]
        const result = preferredHours(hours(start, end), timeOfDay)
        expect(result.hours.start < result.hours.end).toBe(true)
        expect(result.hours.start >= start && result.hours.end <= end).toBe(true)
        expect(result.hours.days).toEqual([...workdays])
        const wanted = timeOfDayHours[timeOfDay]
        if (result.preference!.applied) expect(result.hours.start >= wanted.start && result.hours.end <= wanted.end).toBe(true)
        else {
          // Only when the preference and the hours share no moment.
          expect(wanted.end <= start || wanted.start >= end).toBe(true)
          expect(result.hours).toEqual(hours(start, end))
        }
      }),
      { numRuns: 300, seed: 202612041 },
    )
  })
})
