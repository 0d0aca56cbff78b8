import { describe, expect, it } from 'vitest'
import { checkFrequencyCap, checkQuietPeriods, defaultContactPolicy, parseContactPolicy, rulesInForce, type ContactMade } from './index'

const DAY = 86_400_000
const start = Date.parse('2026-06-01T10:00:00Z')
const daysLater = (days: number) => new Date(start + days * DAY)
const made = (channel: string, days: number[], journeyId = 'j') => days.map((d): ContactMade => ({ channel, at: daysLater(d).getTime(), journeyId }))
const caps = defaultContactPolicy.frequencyCaps

describe('checkFrequencyCap', () => {
  const sixCalls = made('call', [0, 1, 2, 3, 4, 5])

  it('allows the 7th call in 7 days and defers the 8th to when the oldest leaves the window', () => {
    expect(checkFrequencyCap(caps, 'call', sixCalls, daysLater(6))).toEqual({ allowed: true })
    const sevenCalls = [...sixCalls, ...made('call', [6])]
    expect(checkFrequencyCap(caps, 'call', sevenCalls, new Date(start + 6.5 * DAY))).toEqual({
      allowed: false,
      rule: 'at most 7 calls in 7 days',
      allowedAt: daysLater(7),
      onCap: 'defer',
      journeys: ['j'],
      counted: 7,
    })
  })

  it('allows a call again once the oldest has left the rolling window', () => {
    const sevenCalls = [...sixCalls, ...made('call', [6])]
    expect(checkFrequencyCap(caps, 'call', sevenCalls, new Date(start + 7 * DAY - 1)).allowed).toBe(false)
    expect(checkFrequencyCap(caps, 'call', sevenCalls, daysLater(7))).toEqual({ allowed: true })
  })

  it('counts calls apart from messages: seven calls do not hold an email, one email holds the next message of any journey', () => {
    const sevenCalls = [...made('call', [6]), ...sixCalls].reverse()
    expect(checkFrequencyCap(caps, 'email', sevenCalls, daysLater(6.5))).toEqual({ allowed: true })
    const emailed = [...sevenCalls, ...made('email', [6.2], 'reminder')]
    expect(checkFrequencyCap(caps, 'sms', emailed, daysLater(6.5))).toMatchObject({
      rule: 'one message a day: at most 1 message in 1 day',
      journeys: ['reminder'],
      allowedAt: daysLater(7.2),
    })
    expect(checkFrequencyCap(caps, 'call', [...sixCalls, ...made('email', [6.2])], daysLater(6.5))).toEqual({ allowed: true })
  })

  it('applies every cap of a channel and reports the one that holds longest, a suppressing one first', () => {
    const result = parseContactPolicy({
      frequencyCaps: [
        { channel: 'sms', max: 1, window: 'PT12H' },
        { channel: 'sms', max: 2, window: 'P7D' },
      ],
    })
    if (!result.ok) throw new Error(result.errors.join())
    const sent = made('sms', [0, 3])
    expect(checkFrequencyCap(result.policy.frequencyCaps, 'sms', sent, daysLater(3.1))).toMatchObject({
      rule: 'at most 2 text messages in 7 days',
      allowedAt: daysLater(7),
    })
    expect(checkFrequencyCap(result.policy.frequencyCaps, 'sms', made('sms', [3]), daysLater(3.1))).toMatchObject({
      rule: 'at most 1 text message in 12 hours',
    })
    const strict = parseContactPolicy({
      frequencyCaps: [
        { channel: 'sms', max: 1, window: 'PT12H', onCap: 'suppress' },
        { channel: 'sms', max: 1, window: 'P7D' },
      ],
    })
    if (!strict.ok) throw new Error(strict.errors.join())
    expect(checkFrequencyCap(strict.policy.frequencyCaps, 'sms', made('sms', [3]), daysLater(3.1))).toMatchObject({ onCap: 'suppress' })
  })
})

describe('checkQuietPeriods (Regulation F: none for 7 days after a conversation)', () => {
  const us = rulesInForce(defaultContactPolicy, { country: 'US', region: 'NY' })

  it('holds a call for 7 days after call.connected, and nothing else', () => {
    const talked = [{ type: 'call.connected', at: daysLater(1).getTime() }]
    expect(checkQuietPeriods(us.quietPeriods, 'call', talked, daysLater(5))).toMatchObject({
      allowed: false,
      rule: 'Regulation F §1006.14(b)(2)(ii): no call within 7 days after call.connected',
      allowedAt: daysLater(8),
      since: daysLater(1),
      source: 'Regulation F (US)',
    })
    expect(checkQuietPeriods(us.quietPeriods, 'email', talked, daysLater(5))).toEqual({ allowed: true })
    expect(checkQuietPeriods(us.quietPeriods, 'call', talked, daysLater(8))).toEqual({ allowed: true })
  })

  it('does not apply outside the US by default', () => {
    const de = rulesInForce(defaultContactPolicy, { country: 'DE' })
    expect(de.quietPeriods).toEqual([])
    expect(checkQuietPeriods(de.quietPeriods, 'call', [{ type: 'call.connected', at: daysLater(1).getTime() }], daysLater(2))).toEqual({ allowed: true })
  })
})
