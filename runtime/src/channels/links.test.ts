import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createLinks, linkToken, portalLinkToken, portalOffers, readPortalLinkToken, verifyLinkToken } from './index'

const secret = 'link-secret-0123456789abcdef'
const links = createLinks({ publicUrl: 'https://pay.acme.test/', secret })

const tokenOf = (url: string) => url.split('/').at(-1)!

describe('createLinks and verifyLinkToken', () => {
  it('makes portal and opt-out links under the public URL that lead back to the case and channel; pay is the portal', () => {
    const { portal, pay, optout } = links('INV-1001', 'sms')
    expect(portal).toMatch(/^https:\/\/pay\.acme\.test\/portal\/[A-Za-z0-9_-]+$/)
    expect(pay).toBe(portal)
    expect(optout).toMatch(/^https:\/\/pay\.acme\.test\/optout\/[A-Za-z0-9_-]+$/)
    expect(verifyLinkToken(tokenOf(portal), secret, 'portal')).toEqual({ caseId: 'INV-1001', channel: 'sms' })
    expect(verifyLinkToken(tokenOf(optout), secret, 'optout')).toEqual({ caseId: 'INV-1001', channel: 'sms' })
  })

  it('round-trips case ids with colons, slashes and non-ASCII characters', () => {
    for (const caseId of ['a:b:c', 'tenant/42/INV 7', 'Müller-ß-€', ''])
      expect(verifyLinkToken(linkToken(caseId, 'email', secret, 'optout'), secret, 'optout')).toEqual({ caseId, channel: 'email' })
  })

  it('gives each case and channel its own token, and the same one every time', () => {
    expect(links('INV-1001', 'sms')).toEqual(links('INV-1001', 'sms'))
    expect(links('INV-1001', 'sms').pay).not.toBe(links('INV-1002', 'sms').pay)
    expect(links('INV-1001', 'sms').pay).not.toBe(links('INV-1001', 'email').pay)
  })

  it('rejects a token for another purpose or made with another secret', () => {
    const { portal, optout } = links('INV-1001', 'email')
    const pay = linkToken('INV-1001', 'email', secret, 'pay')
    expect(verifyLinkToken(tokenOf(portal), secret, 'optout')).toBeNull()
    expect(verifyLinkToken(tokenOf(portal), secret, 'pay')).toBeNull()
    expect(verifyLinkToken(pay, secret, 'portal')).toBeNull()
    expect(verifyLinkToken(tokenOf(optout), secret, 'pay')).toBeNull()
    expect(verifyLinkToken(tokenOf(optout), secret, 'portal')).toBeNull()
    expect(verifyLinkToken(pay, 'another-secret-0123456789', 'pay')).toBeNull()
  })

  it('rejects a token whose case id was swapped, or any byte changed, or cut short', () => {
    const token = linkToken('INV-1001', 'email', secret, 'pay')
    const bytes = Buffer.from(token, 'base64url')
    const swapped = Buffer.from(bytes.toString('latin1').replace('INV-1001', 'INV-1002'), 'latin1').toString('base64url')
    expect(verifyLinkToken(swapped, secret, 'pay')).toBeNull()
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes)
      tampered[i] = tampered[i]! ^ 1
      expect(verifyLinkToken(tampered.toString('base64url'), secret, 'pay')).toBeNull()
    }
    expect(verifyLinkToken(token.slice(0, -2), secret, 'pay')).toBeNull()
    expect(verifyLinkToken(`${token}A`, secret, 'pay')).toBeNull()
    expect(verifyLinkToken('', secret, 'pay')).toBeNull()
    expect(verifyLinkToken('not a token!', secret, 'pay')).toBeNull()
  })

  it('keeps a base path and refuses a short secret or a non-http URL', () => {
    expect(createLinks({ publicUrl: 'https://acme.test/dunwell', secret })('c', 'sms').portal).toMatch(/^https:\/\/acme\.test\/dunwell\/portal\//)
    expect(() => createLinks({ publicUrl: 'https://acme.test', secret: 'short' })).toThrow(/at least 16/)
    expect(() => createLinks({ publicUrl: 'acme.test', secret })).toThrow(/not a URL/)
    expect(() => createLinks({ publicUrl: 'javascript:alert(1)', secret })).toThrow(/http/)
  })
})

describe('portal links', () => {
  const now = Date.UTC(2026, 10, 23, 9)
  const DAY = 86_400_000
  const dated = createLinks({ publicUrl: 'https://pay.acme.test', secret, ttlDays: 30, now: () => now })

  it('binds case, channel, the journey step and its offers, and expires after the configured days', () => {
    const url = dated('INV-1001', 'sms', { id: 'journey-1/INV-1001/1/3', offers: ['plan', 'partial'] }).portal
    const reading = readPortalLinkToken(tokenOf(url), secret, now)
    expect(reading).toEqual({
      status: 'valid',
      caseId: 'INV-1001',
      channel: 'sms',
      step: 'journey-1/INV-1001/1/3',
      offers: ['partial', 'plan'],
      expiresAt: now + 30 * DAY,
    })
    expect(readPortalLinkToken(tokenOf(url), secret, now + 30 * DAY)).toMatchObject({ status: 'expired', caseId: 'INV-1001', step: 'journey-1/INV-1001/1/3' })
    // Without a step: a link for the case and channel, offering only what is always there.
    expect(readPortalLinkToken(tokenOf(dated('INV-1001', 'sms').portal), secret, now)).toEqual({
      status: 'valid',
      caseId: 'INV-1001',
      channel: 'sms',
      offers: [],
      expiresAt: now + 30 * DAY,
    })
  })

  it('gives each step its own link, so a link names the message it came with', () => {
    expect(dated('INV-1001', 'sms', { id: 'j/INV-1001/1/3' }).portal).not.toBe(dated('INV-1001', 'sms', { id: 'j/INV-1001/1/4' }).portal)
    expect(dated('INV-1001', 'sms', { id: 'j/1/3' }).portal).not.toBe(dated('INV-1001', 'sms', { id: 'j/1/3', offers: ['promise'] }).portal)
  })

  it('an old secret is accepted while it is listed; a new one signs', () => {
    const oldSecret = 'the-old-secret-0123456789'
    const token = tokenOf(createLinks({ publicUrl: 'https://pay.acme.test', secret: oldSecret, now: () => now })('c-1', 'email', { id: 's' }).portal)
    expect(readPortalLinkToken(token, [secret, oldSecret], now)).toMatchObject({ status: 'valid', caseId: 'c-1', step: 's' })
    expect(readPortalLinkToken(token, [secret], now)).toEqual({ status: 'invalid' })
    const fresh = tokenOf(createLinks({ publicUrl: 'https://pay.acme.test', secret: [secret, oldSecret], now: () => now })('c-1', 'email').portal)
    expect(readPortalLinkToken(fresh, secret, now)).toMatchObject({ status: 'valid' })
    expect(readPortalLinkToken(fresh, oldSecret, now)).toEqual({ status: 'invalid' })
  })

  it('no changed byte, swapped case, added offer or cut token reads as valid', () => {
    const token = portalLinkToken({ caseId: 'INV-1001', channel: 'sms', step: 'j/INV-1001/1/3', offers: ['plan'] }, secret, now + DAY)
    const bytes = Buffer.from(token, 'base64url')
    for (let i = 0; i < bytes.length; i++)
      for (const bit of [1, 0x80]) {
        const tampered = Buffer.from(bytes)
        tampered[i] = tampered[i]! ^ bit
        expect(readPortalLinkToken(tampered.toString('base64url'), secret, now)).toEqual({ status: 'invalid' })
      }
    const swapped = Buffer.from(bytes.toString('latin1').replace('sms:INV-1001', 'sms:INV-1002'), 'latin1').toString('base64url')
    expect(readPortalLinkToken(swapped, secret, now)).toEqual({ status: 'invalid' })
    expect(readPortalLinkToken(token.slice(0, -1), secret, now)).toEqual({ status: 'invalid' })
    expect(readPortalLinkToken(`${token}A`, secret, now)).toEqual({ status: 'invalid' })
    // A pay or opt-out token is no portal token, even for the same case.
    expect(readPortalLinkToken(linkToken('INV-1001', 'sms', secret, 'pay', now + DAY), secret, now)).toEqual({ status: 'invalid' })
  })

  it('round-trips any case id, step and offers (seeded)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.subarray([...portalOffers]),
        (caseId, step, offers) => {
          const reading = readPortalLinkToken(portalLinkToken({ caseId, channel: 'email', step, offers }, secret, now + DAY), secret, now)
          expect(reading).toEqual({ status: 'valid', caseId, channel: 'email', ...(step ? { step } : {}), offers, expiresAt: now + DAY })
        },
      ),
      { seed: 12, numRuns: 200 },
    )
  })

  it('refuses a step longer than a token carries', () => {
    expect(() => portalLinkToken({ caseId: 'c', channel: 'sms', step: 'x'.repeat(1001) }, secret, now)).toThrow(/at most 1000 bytes/)
  })

  it('tokens are unguessable: 96 bits of signature, different for every secret', () => {
    const a = Buffer.from(portalLinkToken({ caseId: 'c', channel: 'sms' }, secret, now), 'base64url')
    const b = Buffer.from(portalLinkToken({ caseId: 'c', channel: 'sms' }, 'another-secret-0123456789', now), 'base64url')
    expect(a.length).toBe(b.length)
    expect(a.subarray(-12).equals(b.subarray(-12))).toBe(false)
    expect(a.subarray(0, -12).equals(b.subarray(0, -12))).toBe(true)
  })
})
