import { describe, expect, it } from 'vitest'
import { createLinks, linkToken, verifyLinkToken } from './index'

const secret = 'link-secret-0123456789abcdef'
const links = createLinks({ publicUrl: 'https://pay.acme.test/', secret })

const tokenOf = (url: string) => url.split('/').at(-1)!

describe('createLinks and verifyLinkToken', () => {
  it('makes pay and opt-out links under the public URL that lead back to the case and channel', () => {
    const { pay, optout } = links('INV-1001', 'sms')
    expect(pay).toMatch(/^https:\/\/pay\.acme\.test\/pay\/[A-Za-z0-9_-]+$/)
    expect(optout).toMatch(/^https:\/\/pay\.acme\.test\/optout\/[A-Za-z0-9_-]+$/)
    expect(verifyLinkToken(tokenOf(pay), secret, 'pay')).toEqual({ caseId: 'INV-1001', channel: 'sms' })
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
    const { pay, optout } = links('INV-1001', 'email')
    expect(verifyLinkToken(tokenOf(pay), secret, 'optout')).toBeNull()
    expect(verifyLinkToken(tokenOf(optout), secret, 'pay')).toBeNull()
    expect(verifyLinkToken(tokenOf(pay), 'another-secret-0123456789', 'pay')).toBeNull()
  })

  it('rejects a token whose case id was swapped, or any byte changed, or cut short', () => {
    const token = tokenOf(links('INV-1001', 'email').pay)
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
    expect(createLinks({ publicUrl: 'https://acme.test/dunwell', secret })('c', 'sms').pay).toMatch(/^https:\/\/acme\.test\/dunwell\/pay\//)
    expect(() => createLinks({ publicUrl: 'https://acme.test', secret: 'short' })).toThrow(/at least 16/)
    expect(() => createLinks({ publicUrl: 'acme.test', secret })).toThrow(/not a URL/)
    expect(() => createLinks({ publicUrl: 'javascript:alert(1)', secret })).toThrow(/http/)
  })
})
