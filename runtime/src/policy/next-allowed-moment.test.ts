import { weekdays } from '@dunwell/journey'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultContactPolicy, nextAllowedMoment, type DebtorPlace, type Hours } from './index'

const policyHours = defaultContactPolicy.contactHours
const everyDay = { start: '08:00', end: '20:00', days: [...weekdays] }
const options = { holidays: true, defaultTimezone: 'UTC' }
const berlin: DebtorPlace = { timezone: 'Europe/Berlin', country: 'DE' }
const newYork: DebtorPlace = { timezone: 'America/New_York', country: 'US' }

const next = (now: string, place: DebtorPlace, hours: Hours = policyHours) => nextAllowedMoment(new Date(now), place, hours, options).toISOString()

describe('nextAllowedMoment', () => {
  it('is now when now is allowed', () => {
    expect(next('2026-06-16T10:00:00.000Z', berlin)).toBe('2026-06-16T10:00:00.000Z')
    expect(next('2026-06-16T06:00:00.000Z', berlin)).toBe('2026-06-16T06:00:00.000Z') // 08:00 sharp
  })

  it('defers a 06:00 message to 08:00 the same day', () => {
    expect(next('2026-06-16T04:00:00.000Z', berlin)).toBe('2026-06-16T06:00:00.000Z')
  })

  it('defers 21:30 on Saturday to Monday 08:00 when Sunday is not allowed', () => {
    expect(next('2026-06-13T19:30:00.000Z', berlin)).toBe('2026-06-15T06:00:00.000Z')
    expect(next('2026-06-13T18:00:00.000Z', berlin)).toBe('2026-06-15T06:00:00.000Z') // 20:00 is closed
  })

  it('reads the hours on the local clock across spring-forward in Berlin', () => {
    // Saturday 21:00 CET → Monday 08:00 CEST
    expect(next('2026-03-28T20:00:00.000Z', berlin)).toBe('2026-03-30T06:00:00.000Z')
    // 00:30 CET on the change day → 08:00 CEST, 6½ hours later, not 7½
    expect(next('2026-03-28T23:30:00.000Z', berlin, everyDay)).toBe('2026-03-29T06:00:00.000Z')
  })

  it('opens when the clock jumps past a start time that spring-forward skips', () => {
    // 02:30 does not exist on 29 March 2026 in Berlin: the clock reads 03:00 at 01:00Z
    expect(next('2026-03-29T00:30:00.000Z', berlin, { start: '02:30', end: '20:00' })).toBe('2026-03-29T01:00:00.000Z')
    // a window lying wholly in the skipped hour does not open that day
    expect(next('2026-03-29T00:30:00.000Z', berlin, { start: '02:10', end: '02:50' })).toBe('2026-03-30T00:10:00.000Z')
  })

  it('reads the hours on the local clock across fall-back in Berlin', () => {
    expect(next('2026-10-24T22:30:00.000Z', berlin, everyDay)).toBe('2026-10-25T07:00:00.000Z') // 08:00 CET
    expect(next('2026-10-25T18:30:00.000Z', berlin, everyDay)).toBe('2026-10-25T18:30:00.000Z') // 19:30 CET
    expect(next('2026-10-25T19:30:00.000Z', berlin, everyDay)).toBe('2026-10-26T07:00:00.000Z') // 20:30 CET
  })

  it('reads the hours on the local clock across both changes in New York', () => {
    expect(next('2026-03-08T06:00:00.000Z', newYork, everyDay)).toBe('2026-03-08T12:00:00.000Z') // 01:00 EST → 08:00 EDT
    expect(next('2026-11-01T05:00:00.000Z', newYork, everyDay)).toBe('2026-11-01T13:00:00.000Z') // 01:00 EDT → 08:00 EST
    // 20:30 EST on Saturday 31 October is still EDT's 20:30 → closed until Monday 08:00 EST
    expect(next('2026-11-01T00:30:00.000Z', newYork)).toBe('2026-11-02T13:00:00.000Z')
  })

  it('finds the second 01:45 when it is already past the first in the repeated hour', () => {
    const hours = { start: '01:45', end: '20:00' }
    expect(next('2026-11-01T05:30:00.000Z', newYork, hours)).toBe('2026-11-01T05:45:00.000Z') // 01:30 EDT → 01:45 EDT
    expect(next('2026-11-01T06:30:00.000Z', newYork, hours)).toBe('2026-11-01T06:45:00.000Z') // 01:30 EST → 01:45 EST
  })

  it('decides by each debtor’s own day on either side of the date line', () => {
    const now = '2026-06-06T19:30:00.000Z'
    expect(next(now, { timezone: 'Pacific/Pago_Pago' })).toBe(now) // Saturday 08:30
    expect(next(now, { timezone: 'Pacific/Auckland' })).toBe('2026-06-07T20:00:00.000Z') // Sunday 07:30 → Monday 08:00
    expect(next(now, { timezone: 'Pacific/Kiritimati' })).toBe('2026-06-07T18:00:00.000Z') // Sunday 09:30 → Monday 08:00
  })

  it('skips public holidays of the debtor’s region only', () => {
    const epiphany = '2027-01-06T09:00:00.000Z' // Wednesday 10:00 CET
    expect(next(epiphany, { ...berlin, region: 'BY' })).toBe('2027-01-07T07:00:00.000Z')
    expect(next(epiphany, { ...berlin, region: 'BE' })).toBe(epiphany)
    expect(nextAllowedMoment(new Date(epiphany), { ...berlin, region: 'BY' }, policyHours, { ...options, holidays: false }).toISOString()).toBe(epiphany)
    // Christmas Day and Boxing Day, then a Sunday
    expect(next('2026-12-24T19:30:00.000Z', berlin)).toBe('2026-12-28T07:00:00.000Z')
  })

  it('uses the default time zone and country when the debtor has none or an unknown one', () => {
    const defaults = { holidays: true, defaultTimezone: 'Europe/Berlin', defaultCountry: 'DE' }
    const christmas = new Date('2026-12-25T10:00:00Z')
    expect(nextAllowedMoment(christmas, { timezone: 'Mars/Olympus' }, policyHours, defaults).toISOString()).toBe('2026-12-28T07:00:00.000Z')
    expect(nextAllowedMoment(new Date('2026-06-16T05:00:00Z'), {}, policyHours, defaults).toISOString()).toBe('2026-06-16T06:00:00.000Z')
  })

  it('throws a clear error when no day can ever be allowed', () => {
    const now = new Date('2026-06-16T10:00:00Z')
    expect(() => nextAllowedMoment(now, berlin, { start: '08:00', end: '20:00', days: [] }, options)).toThrow(/no allowed contact moment within 366 days/)
    expect(() => nextAllowedMoment(now, {}, policyHours, { ...options, defaultTimezone: 'Nowhere/Nothing' })).toThrow(/invalid default time zone/)
  })

  it('always returns an allowed moment no earlier than now, for any instant and zone', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe', 'Asia/Kolkata']
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2028-01-01') }), fc.constantFrom(...zones), (instant, timezone) => {
        const place = { timezone, country: 'DE', region: 'BY' }
        const result = nextAllowedMoment(new Date(instant), place, policyHours, options)
        expect(result.getTime()).toBeGreaterThanOrEqual(instant)
        expect(result.getTime() - instant).toBeLessThan(6 * 86_400_000)
        expect(nextAllowedMoment(result, place, policyHours, options)).toEqual(result)
      }),
      { numRuns: 300, seed: 202612051 },
    )
  })
})
