import { describe, expect, it } from 'vitest'
import { dayOf } from './run-setup'

describe('dayOf', () => {
  it('counts calendar days on the debtor’s calendar, not 24-hour periods', () => {
    // Sunday 10:00 in Dublin, then Monday 08:00: the next day, although only 22 hours later.
    expect(dayOf('2026-11-22T10:00:00Z', '2026-11-23T08:00:00Z', 'Europe/Dublin')).toBe(1)
    expect(dayOf('2026-11-22T10:00:00Z', '2026-11-22T23:30:00Z', 'Europe/Dublin')).toBe(0)
  })

  it('follows the debtor’s zone across the date line', () => {
    // 09:00 UTC is 22:00 in Auckland: three hours later it is 01:00 there, the next date; in London, the same day.
    expect(dayOf('2026-11-23T09:00:00Z', '2026-11-23T12:00:00Z', 'Pacific/Auckland')).toBe(1)
    expect(dayOf('2026-11-23T09:00:00Z', '2026-11-23T12:00:00Z', 'Europe/London')).toBe(0)
  })
})
