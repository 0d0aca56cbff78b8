import { describe, expect, it } from 'vitest'
import { defaultContactPolicy, parseContactPolicy, rulesInForce, type ContactPolicy } from './index'

function parsed(json: unknown): ContactPolicy {
  const result = parseContactPolicy(json)
  if (!result.ok) throw new Error(result.errors.join('\n'))
  return result.policy
}

describe('rulesInForce', () => {
  const policy = parsed({
    contactHours: { start: '07:00', end: '22:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
    defaultCountry: 'US',
    jurisdictions: [
      { country: 'US', name: 'Regulation F', contactHours: { start: '08:00', end: '21:00' } },
      { country: 'US', region: 'US-MA', name: 'Massachusetts', frequencyCaps: [{ channel: 'call', max: 2, window: 'P7D' }] },
      { country: 'DE', contactHours: { start: '23:00', end: '23:30' } },
    ],
  })

  it('adds the rules of the debtor’s country and region, and says why each applies', () => {
    const boston = rulesInForce(policy, { country: 'US', region: 'MA' })
    expect(boston.jurisdictions).toEqual([
      { name: 'Regulation F', country: 'US', why: "the debtor's country is US" },
      { name: 'Massachusetts', country: 'US', region: 'MA', why: "the debtor's region is US-MA" },
    ])
    expect(boston.caps.map((cap) => `${cap.source}: ${cap.max} ${cap.window}`)).toEqual(['policy: 1 P1D', 'policy: 7 P7D', 'Massachusetts (US-MA): 2 P7D'])
    expect(rulesInForce(policy, { country: 'US', region: 'US-NY' }).jurisdictions.map((j) => j.name)).toEqual(['Regulation F'])
  })

  it('narrows the contact hours to each jurisdiction’s, never widens them; a bound that does not meet them wins', () => {
    expect(rulesInForce(policy, { country: 'US', region: 'NY' }).hours).toEqual({
      start: '08:00',
      end: '21:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    })
    expect(rulesInForce(policy, { country: 'DE' }).hours).toMatchObject({ start: '23:00', end: '23:30' })
    expect(rulesInForce(policy, { country: 'FR' }).hours).toMatchObject({ start: '07:00', end: '22:00' })
  })

  it('takes the default country for a debtor without one, and applies only the policy’s rules where no jurisdiction does', () => {
    expect(rulesInForce(policy, {}).jurisdictions.map((j) => j.name)).toEqual(['Regulation F'])
    expect(rulesInForce(defaultContactPolicy, {})).toMatchObject({ jurisdictions: [], quietPeriods: [] })
  })
})
