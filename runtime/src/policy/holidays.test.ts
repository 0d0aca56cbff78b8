import { describe, expect, it } from 'vitest'
import { isPublicHoliday, prepareHolidays, publicHolidayOn } from './index'

describe('isPublicHoliday', () => {
  it('knows regional holidays: Epiphany in Bavaria but not in Berlin', () => {
    expect(isPublicHoliday('2027-01-06', 'DE', 'BY')).toBe(true)
    expect(isPublicHoliday('2027-01-06', 'DE', 'DE-BY')).toBe(true)
    expect(isPublicHoliday('2027-01-06', 'de', 'by')).toBe(true)
    expect(isPublicHoliday('2027-01-06', 'DE', 'BE')).toBe(false)
    expect(isPublicHoliday('2027-01-06', 'DE')).toBe(false)
  })

  it('knows nationwide holidays with or without a region', () => {
    expect(isPublicHoliday('2026-12-25', 'DE')).toBe(true)
    expect(isPublicHoliday('2026-12-25', 'DE', 'BE')).toBe(true)
    expect(isPublicHoliday('2026-07-03', 'US')).toBe(true) // Independence Day observed on the Friday
  })

  it('counts only public holidays, not bank holidays or observances', () => {
    expect(isPublicHoliday('2026-12-24', 'DE')).toBe(false) // Heiligabend is a bank holiday from 14:00
    expect(isPublicHoliday('2026-12-13', 'DE')).toBe(false) // 3. Advent is an observance
  })

  it('counts every day of a several-day holiday', () => {
    expect(isPublicHoliday('2026-01-01', 'AM')).toBe(true)
    expect(isPublicHoliday('2026-01-02', 'AM')).toBe(true)
  })

  it('never throws: unknown countries, regions and dates are simply not holidays', () => {
    expect(isPublicHoliday('2026-12-25', 'XX')).toBe(false)
    expect(isPublicHoliday('2026-12-25', undefined)).toBe(false)
    expect(isPublicHoliday('2026-12-25', 'DE', 'NOWHERE')).toBe(true)
    expect(isPublicHoliday('2026-12-25', 'DE', 'AT-9')).toBe(true)
    expect(isPublicHoliday('25.12.2026', 'DE')).toBe(false)
  })
})

describe('publicHolidayOn', () => {
  it('names the holiday, and marks one of only parts of the state (date-holidays’ sub-regions)', () => {
    expect(publicHolidayOn('2026-06-04', 'DE', 'SN', 'no-contact')).toEqual({
      name: 'Fronleichnam',
      nameEn: 'Corpus Christi',
      date: '2026-06-04',
      country: 'DE',
      region: 'SN',
      onlyIn: ['Landkreis Bautzen'],
    })
    expect(publicHolidayOn('2026-06-04', 'DE', 'SN', 'contact')).toBeUndefined()
    // Corpus Christi is a holiday in all of Bavaria: no parts named, whatever the choice.
    expect(publicHolidayOn('2026-06-04', 'DE', 'BY', 'contact')).toMatchObject({ name: 'Fronleichnam', region: 'BY' })
    expect(publicHolidayOn('2026-06-04', 'DE', 'BY', 'no-contact')).not.toHaveProperty('onlyIn')
    // Business days (isPublicHoliday) count the whole state's holidays only.
    expect(isPublicHoliday('2026-08-15', 'DE', 'BY')).toBe(false)
    expect(publicHolidayOn('2026-08-15', 'DE', 'BY', 'no-contact')).toMatchObject({
      name: 'Mariä Himmelfahrt',
      onlyIn: ['Stadt Augsburg', 'Überwiegend katholische Gemeinden'],
    })
  })

  it('knows no holiday of an unknown country or a malformed date', () => {
    expect(publicHolidayOn('2026-12-25', 'XX', undefined, 'no-contact')).toBeUndefined()
    expect(publicHolidayOn('25.12.2026', 'DE', undefined, 'no-contact')).toBeUndefined()
    expect(publicHolidayOn('2026-12-25', undefined, undefined, 'no-contact')).toBeUndefined()
  })
})

describe('prepareHolidays', () => {
  const stepsOf = (country: string | undefined, region: string | undefined, year: number) => {
    let steps = 0
    while (prepareHolidays(country, region, year)) if (++steps > 50) throw new Error('prepareHolidays never finished')
    return steps
  }

  it('works out a state with parts one calendar a step, and then gives the same answers as on demand', () => {
    // Bavaria: the state, each of its parts (date-holidays knows several), then the year put together.
    expect(stepsOf('DE', 'BY', 2031)).toBeGreaterThan(2)
    expect(stepsOf('DE', 'BY', 2031)).toBe(0)
    expect(publicHolidayOn('2031-01-06', 'DE', 'BY', 'no-contact')).toMatchObject({ name: 'Heilige Drei Könige', region: 'BY' })
    expect(publicHolidayOn('2031-08-15', 'DE', 'BY', 'no-contact')?.onlyIn?.length).toBeGreaterThan(0)
    expect(publicHolidayOn('2031-08-15', 'DE', 'BY', 'contact')).toBeUndefined()
  })

  it('finishes for places it does not know, and for no country at all', () => {
    expect(stepsOf('XX', undefined, 2031)).toBeLessThanOrEqual(2)
    expect(stepsOf('DE', 'NOWHERE', 2031)).toBeLessThanOrEqual(2)
    expect(stepsOf(undefined, 'BY', 2031)).toBe(0)
    expect(isPublicHoliday('2031-12-25', 'XX')).toBe(false)
  })
})
