import { describe, expect, it } from 'vitest'
import { isPublicHoliday } from './index'

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
