import { describe, expect, it } from 'vitest'
import { checkFrequencyCap, defaultContactPolicy, parseContactPolicy } from './index'

const DAY = 86_400_000
const start = Date.parse('2026-06-01T10:00:00Z')
const daysLater = (days: number) => new Date(start + days * DAY)

describe('checkFrequencyCap', () => {
  const sixCalls = [0, 1, 2, 3, 4, 5].map(daysLater)

  it('allows the 7th call in 7 days and refuses the 8th (Regulation F)', () => {
    expect(checkFrequencyCap(defaultContactPolicy, 'call', sixCalls, daysLater(6))).toEqual({ allowed: true })
    const sevenCalls = [...sixCalls, daysLater(6)]
    expect(checkFrequencyCap(defaultContactPolicy, 'call', sevenCalls, new Date(start + 6.5 * DAY))).toEqual({
      allowed: false,
      rule: 'at most 7 calls in 7 days',
      allowedAt: daysLater(7),
    })
  })

  it('allows a call again once the oldest has left the rolling window', () => {
    const sevenCalls = [...sixCalls, daysLater(6)]
    expect(checkFrequencyCap(defaultContactPolicy, 'call', sevenCalls, new Date(start + 7 * DAY - 1)).allowed).toBe(false)
    expect(checkFrequencyCap(defaultContactPolicy, 'call', sevenCalls, daysLater(7))).toEqual({ allowed: true })
  })

  it('counts only the channel asked about, in any order of sends', () => {
    const sevenCalls = [daysLater(6), ...sixCalls].reverse()
    expect(checkFrequencyCap(defaultContactPolicy, 'email', sevenCalls, daysLater(6.5))).toEqual({ allowed: true })
    expect(checkFrequencyCap(defaultContactPolicy, 'call', sevenCalls, daysLater(6.5)).allowed).toBe(false)
  })

  it('applies every cap of a channel and reports the one that holds longest', () => {
    const result = parseContactPolicy({
      frequencyCaps: [
        { channel: 'sms', max: 1, window: 'PT12H' },
        { channel: 'sms', max: 2, window: 'P7D' },
      ],
    })
    if (!result.ok) throw new Error(result.errors.join())
    const sent = [daysLater(0), daysLater(3)]
    expect(checkFrequencyCap(result.policy, 'sms', sent, daysLater(3.1))).toEqual({
      allowed: false,
      rule: 'at most 2 text messages in 7 days',
      allowedAt: daysLater(7),
    })
    expect(checkFrequencyCap(result.policy, 'sms', [daysLater(3)], daysLater(3.1))).toMatchObject({ rule: 'at most 1 text message in 12 hours' })
  })
})
