import { describe, expect, it } from 'vitest'
import { defaultContactPolicy, effectiveContactHours, parseContactPolicy, type ContactPolicy } from './index'

function parsed(json: unknown): ContactPolicy {
  const result = parseContactPolicy(json)
  if (!result.ok) throw new Error(result.errors.join('\n'))
  return result.policy
}

function errors(json: unknown): string[] {
  const result = parseContactPolicy(json)
  if (result.ok) throw new Error('expected the policy to be rejected')
  return result.errors
}

describe('parseContactPolicy', () => {
  it('defaults to 08:00–20:00 Monday to Saturday, holidays off, one message a day, 7 calls a week, Regulation F for the US, UTC', () => {
    expect(defaultContactPolicy).toEqual({
      contactHours: { start: '08:00', end: '20:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
      channelsWithHours: ['email', 'sms', 'whatsapp', 'call'],
      holidays: true,
      partialRegionalHolidays: 'no-contact',
      frequencyCaps: [
        { channels: ['email', 'sms', 'whatsapp', 'letter'], max: 1, window: 'P1D', name: 'one message a day', onCap: 'defer' },
        { channel: 'call', max: 7, window: 'P7D', onCap: 'defer' },
      ],
      quietPeriods: [],
      jurisdictions: [
        {
          country: 'US',
          name: 'Regulation F',
          contactHours: { start: '08:00', end: '21:00' },
          frequencyCaps: [{ channel: 'call', max: 7, window: 'P7D', name: 'Regulation F §1006.14(b)(2)(i)', onCap: 'defer' }],
          quietPeriods: [{ after: 'call.connected', channels: ['call'], duration: 'P7D', name: 'Regulation F §1006.14(b)(2)(ii)' }],
        },
      ],
      defaultTimezone: 'UTC',
    })
    expect(parsed({})).toEqual(defaultContactPolicy)
  })

  it('lets a file give only what it changes, down to one field of the contact hours', () => {
    const policy = parsed({ contactHours: { end: '21:00' }, defaultTimezone: 'America/New_York', defaultCountry: 'US' })
    expect(policy.contactHours).toEqual({ start: '08:00', end: '21:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] })
    expect(policy.defaultTimezone).toBe('America/New_York')
    expect(policy.defaultCountry).toBe('US')
    expect(policy.holidays).toBe(true)
    expect(policy.frequencyCaps).toEqual(defaultContactPolicy.frequencyCaps)
  })

  it('replaces lists rather than merging them', () => {
    const policy = parsed({ frequencyCaps: [{ channel: 'sms', max: 3, window: 'P1D' }], holidays: false })
    expect(policy.frequencyCaps).toEqual([{ channel: 'sms', max: 3, window: 'P1D', onCap: 'defer' }])
    expect(policy.holidays).toBe(false)
  })

  it('gives every parse its own defaults', () => {
    parsed({}).contactHours.days.push('sun')
    expect(parsed({}).contactHours.days).not.toContain('sun')
    expect(defaultContactPolicy.contactHours.days).not.toContain('sun')
  })

  it('names the field at fault', () => {
    expect(errors({ contactHours: { start: '8am' } })).toEqual(['contactHours.start: must be a time of day such as 09:00'])
    expect(errors({ contactHours: { start: '21:00' } })).toEqual(['contactHours.end: start must be before end'])
    expect(errors({ contactHours: { days: [] } })).toEqual(['contactHours.days: needs at least one day'])
    expect(errors({ contacHours: {} })).toEqual(['policy: unknown field "contacHours"'])
    expect(errors({ holidays: 'yes' })).toEqual(['holidays: must be true or false'])
    expect(errors({ defaultTimezone: 'Mars/Olympus' })).toEqual(['defaultTimezone: must be an IANA time zone such as Europe/Berlin'])
    expect(errors({ defaultCountry: 'Germany' })).toEqual(['defaultCountry: must be a two-letter country code such as DE'])
    expect(errors({ channelsWithHours: ['fax'] })).toEqual(['channelsWithHours[0]: must be one of email, sms, whatsapp, letter, call'])
  })

  it('reports every problem of a frequency cap at once', () => {
    const found = errors({ frequencyCaps: [{ channel: 'call', max: 0, window: 'a week' }] })
    expect(found).toHaveLength(2)
    expect(found).toContain('frequencyCaps[0].max: must be at least 1')
    expect(found.some((error) => error.startsWith('frequencyCaps[0].window: must be a positive ISO 8601 duration'))).toBe(true)
    expect(errors({ frequencyCaps: [{ channel: 'call' }] })).toEqual(['frequencyCaps[0].max: is required', 'frequencyCaps[0].window: is required'])
  })

  it('refuses hostile rules by jurisdiction with the field and the fix named', () => {
    expect(errors({ jurisdictions: [{ country: 'USA' }] })).toEqual([
      'jurisdictions[0].country: must be an ISO 3166-1 country code such as US: did you mean US?',
    ])
    expect(errors({ jurisdictions: [{ country: 'UK' }] })).toEqual([
      'jurisdictions[0].country: must be an ISO 3166-1 country code such as US: did you mean GB?',
    ])
    expect(errors({ jurisdictions: [{ country: 'XX' }] })).toEqual(['jurisdictions[0].country: must be an ISO 3166-1 country code such as US'])
    expect(errors({ jurisdictions: [{ country: 'us' }] })).toEqual([
      'jurisdictions[0].country: must be an ISO 3166-1 country code such as US: did you mean US?',
    ])
    expect(errors({ jurisdictions: [{ country: 'US', region: 'Massachusetts' }] })).toEqual([
      'jurisdictions[0].region: must be a region code such as MA or US-MA',
    ])
    expect(errors({ jurisdictions: [{ country: 'US', quietPeriod: [] }] })).toEqual(['jurisdictions[0]: unknown field "quietPeriod"'])
    expect(errors({ jurisdictions: [{ country: 'US', quietPeriods: [{ after: 'dunwell.enrol', channels: ['call'], duration: 'P7D' }] }] })).toEqual([
      'jurisdictions[0].quietPeriods[0].after: must not start with dunwell. or xstate. (reserved for the runtime)',
    ])
    expect(errors({ jurisdictions: [{ country: 'US', contactHours: { start: '22:00', end: '07:00' } }] })).toEqual([
      'jurisdictions[0].contactHours.end: start must be before end',
    ])
    expect(errors({ frequencyCaps: [{ channel: 'sms', channels: ['email'], max: 1, window: 'P1D' }] })).toEqual([
      'frequencyCaps[0].channels: give either channel or channels, not both',
    ])
    expect(errors({ frequencyCaps: [{ max: 1, window: 'P5Y' }] })).toEqual(['frequencyCaps[0].window: must be at most a year (P1Y)'])
    expect(errors({ frequencyCaps: [{ max: 1, window: 'P1D', onCap: 'drop' }] })).toEqual(['frequencyCaps[0].onCap: must be one of defer, suppress'])
    expect(errors(JSON.parse('{"frequencyCaps":[{"max":1e9,"window":"P1D","__proto__":{"x":1}}]}'))).toEqual([
      'frequencyCaps[0].max: must be at most 1000',
      'frequencyCaps[0]: unknown field "__proto__"',
    ])
    expect(errors({ jurisdictions: Array.from({ length: 301 }, () => ({ country: 'US' })) })).toEqual(['jurisdictions: at most 300 jurisdictions'])
  })

  it('reads a region as MA or US-MA', () => {
    expect(parsed({ jurisdictions: [{ country: 'US', region: 'US-MA' }] }).jurisdictions).toEqual([{ country: 'US', region: 'MA' }])
  })

  it('rejects a file that is not an object', () => {
    expect(errors('strict')[0]).toMatch(/^policy: /)
    expect(errors(null)[0]).toMatch(/^policy: /)
  })
})

describe('effectiveContactHours', () => {
  const policy = defaultContactPolicy

  it('is the policy when the journey says nothing', () => {
    expect(effectiveContactHours(policy)).toEqual({ hours: policy.contactHours })
  })

  it('lets a journey narrow the hours and the days', () => {
    expect(effectiveContactHours(policy, { start: '09:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] })).toEqual({
      hours: { start: '09:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    })
    expect(effectiveContactHours(policy, { start: '10:00', end: '12:00' }).hours.days).toEqual(policy.contactHours.days)
  })

  it('never lets a journey widen them', () => {
    expect(effectiveContactHours(policy, { start: '06:00', end: '22:00', days: ['sat', 'sun'] })).toEqual({
      hours: { start: '08:00', end: '20:00', days: ['sat'] },
    })
    expect(effectiveContactHours(policy, { start: '07:00', end: '12:00' }).hours).toMatchObject({ start: '08:00', end: '12:00' })
  })

  it('falls back to the policy, with a warning, when nothing would be left', () => {
    const lateEvening = effectiveContactHours(policy, { start: '21:00', end: '23:00' })
    expect(lateEvening.hours).toEqual(policy.contactHours)
    expect(lateEvening.warning).toMatch(/do not overlap/)
    const sundays = effectiveContactHours(policy, { start: '09:00', end: '12:00', days: ['sun'] })
    expect(sundays.hours).toEqual(policy.contactHours)
    expect(sundays.warning).toContain('on sun')
  })
})
