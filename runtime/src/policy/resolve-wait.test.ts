import { describe, expect, it } from 'vitest'
import { resolveWaitDue, type DebtorPlace, type WaitRule } from './index'

const options = { defaultTimezone: 'UTC' }
const berlin: DebtorPlace = { timezone: 'Europe/Berlin', country: 'DE' }

const due = (wait: WaitRule, now: string, place: DebtorPlace = berlin) => resolveWaitDue(wait, new Date(now), place, options).toISOString()

describe('resolveWaitDue', () => {
  describe('for a duration', () => {
    it('adds days on the debtor’s calendar, so a day across a DST change is 23 or 25 hours', () => {
      expect(due({ for: 'P3D' }, '2026-06-15T08:00:00.000Z')).toBe('2026-06-18T08:00:00.000Z')
      expect(due({ for: 'P1D' }, '2026-03-28T09:00:00.000Z')).toBe('2026-03-29T08:00:00.000Z') // 10:00 CET → 10:00 CEST
      expect(due({ for: 'P1D' }, '2026-10-24T08:00:00.000Z')).toBe('2026-10-25T09:00:00.000Z') // 10:00 CEST → 10:00 CET
      expect(due({ for: 'P1D' }, '2026-03-07T15:00:00.000Z', { timezone: 'America/New_York' })).toBe('2026-03-08T14:00:00.000Z')
    })

    it('adds hours as elapsed time', () => {
      expect(due({ for: 'PT24H' }, '2026-03-28T09:00:00.000Z')).toBe('2026-03-29T09:00:00.000Z') // 11:00 CEST
    })
  })

  describe('for business days', () => {
    it('skips weekends', () => {
      expect(due({ for: 'P1D', businessDays: true }, '2026-06-12T08:00:00.000Z')).toBe('2026-06-15T08:00:00.000Z') // Fri → Mon
      expect(due({ for: 'P3D', businessDays: true }, '2026-06-11T08:00:00.000Z')).toBe('2026-06-16T08:00:00.000Z') // Thu → Tue
      expect(due({ for: 'P1D', businessDays: true }, '2026-06-13T08:00:00.000Z')).toBe('2026-06-15T08:00:00.000Z') // Sat → Mon
      expect(due({ for: 'P1W', businessDays: true }, '2026-06-10T08:00:00.000Z')).toBe('2026-06-17T08:00:00.000Z') // a working week
    })

    it('skips public holidays of the debtor’s country and region', () => {
      // Wed 23 Dec: Thu 24 counts, Fri 25 and Sat 26 are holidays or weekend, then Mon 28
      expect(due({ for: 'P2D', businessDays: true }, '2026-12-23T09:00:00.000Z')).toBe('2026-12-28T09:00:00.000Z')
      expect(due({ for: 'P1D', businessDays: true }, '2027-01-05T09:00:00.000Z', { ...berlin, region: 'BY' })).toBe('2027-01-07T09:00:00.000Z')
      expect(due({ for: 'P1D', businessDays: true }, '2027-01-05T09:00:00.000Z', { ...berlin, region: 'BE' })).toBe('2027-01-06T09:00:00.000Z')
    })

    it('uses the default country for a debtor without one', () => {
      const place = { timezone: 'Europe/Berlin' }
      const now = new Date('2026-12-23T09:00:00Z')
      expect(resolveWaitDue({ for: 'P2D', businessDays: true }, now, place, options).toISOString()).toBe('2026-12-25T09:00:00.000Z')
      expect(resolveWaitDue({ for: 'P2D', businessDays: true }, now, place, { ...options, defaultCountry: 'DE' }).toISOString()).toBe(
        '2026-12-28T09:00:00.000Z',
      )
    })

    it('keeps the local time across DST and adds the time part as it is', () => {
      expect(due({ for: 'P1D', businessDays: true }, '2026-03-27T09:00:00.000Z')).toBe('2026-03-30T08:00:00.000Z') // 10:00 CET → 10:00 CEST
      expect(due({ for: 'P1DT2H', businessDays: true }, '2026-06-12T08:00:00.000Z')).toBe('2026-06-15T10:00:00.000Z')
    })
  })

  describe('until a local time', () => {
    const monday10 = '2026-06-15T08:00:00.000Z' // Monday 10:00 CEST

    it('is later today when the time is still ahead, otherwise tomorrow', () => {
      expect(due({ until: '11:00' }, monday10)).toBe('2026-06-15T09:00:00.000Z')
      expect(due({ until: '09:00' }, monday10)).toBe('2026-06-16T07:00:00.000Z')
      expect(due({ until: '10:00' }, monday10)).toBe('2026-06-16T08:00:00.000Z') // strictly after now
    })

    it('waits for one of the given weekdays', () => {
      expect(due({ until: '09:00', days: ['mon', 'thu'] }, monday10)).toBe('2026-06-18T07:00:00.000Z')
      expect(due({ until: '11:00', days: ['mon', 'thu'] }, monday10)).toBe('2026-06-15T09:00:00.000Z')
      expect(due({ until: '09:00', days: ['mon'] }, monday10)).toBe('2026-06-22T07:00:00.000Z') // a week on
      expect(due({ until: '09:00', days: ['sat', 'sun'] }, '2026-06-12T08:00:00.000Z')).toBe('2026-06-13T07:00:00.000Z')
    })

    it('reads the time on the debtor’s clock across DST and the date line', () => {
      expect(due({ until: '09:00' }, '2026-03-28T12:00:00.000Z')).toBe('2026-03-29T07:00:00.000Z') // 09:00 CEST
      expect(due({ until: '02:30' }, '2026-03-28T12:00:00.000Z')).toBe('2026-03-29T01:00:00.000Z') // skipped: 03:00 CEST
      const now = '2026-06-06T19:30:00.000Z'
      expect(due({ until: '09:00', days: ['mon'] }, now, { timezone: 'Pacific/Kiritimati' })).toBe('2026-06-07T19:00:00.000Z')
      expect(due({ until: '09:00', days: ['mon'] }, now, { timezone: 'Pacific/Pago_Pago' })).toBe('2026-06-08T20:00:00.000Z')
    })
  })

  it('times an event wait out after its timeout', () => {
    expect(due({ event: 'payment.received', timeout: 'P7D' }, '2026-06-15T08:00:00.000Z')).toBe('2026-06-22T08:00:00.000Z')
    expect(due({ event: 'payment.received', timeout: 'PT36H' }, '2026-06-15T08:00:00.000Z')).toBe('2026-06-16T20:00:00.000Z')
  })

  it('accepts a wait node’s data as it is and rejects a broken duration clearly', () => {
    expect(due({ for: 'P1D', label: 'give them a day', note: 'why' } as WaitRule, '2026-06-15T08:00:00.000Z')).toBe('2026-06-16T08:00:00.000Z')
    expect(() => due({ for: 'soon' }, '2026-06-15T08:00:00.000Z')).toThrow(/invalid ISO 8601 duration "soon"/)
  })
})
