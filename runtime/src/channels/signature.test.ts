import { describe, expect, it } from 'vitest'
import { signPayload, verifySignature } from './index'

const secret = 'callback-secret-0123456789'
const body = '{"messageId":"enr-7/3","status":"delivered"}'
const now = Date.parse('2026-11-23T09:00:00Z')
const timestamp = String(now / 1000)
const signature = signPayload(secret, timestamp, body)

describe('verifySignature', () => {
  it('accepts the signature made for this body and timestamp, from a string or the raw bytes', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(verifySignature({ secret, timestamp, body, signature, now })).toBe(true)
    expect(verifySignature({ secret, timestamp, body: Buffer.from(body), signature, now })).toBe(true)
  })

  it('rejects a changed body, another secret, a changed timestamp or a malformed signature', () => {
    expect(verifySignature({ secret, timestamp, body: body.replace('delivered', 'failed'), signature, now })).toBe(false)
    expect(verifySignature({ secret: 'another-secret-0123456789', timestamp, body, signature, now })).toBe(false)
    expect(verifySignature({ secret, timestamp: String(now / 1000 + 1), body, signature, now })).toBe(false)
    expect(verifySignature({ secret, timestamp, body, signature: signature.slice(0, -1), now })).toBe(false)
    expect(verifySignature({ secret, timestamp, body, signature: signature.replace('sha256=', ''), now })).toBe(false)
    expect(verifySignature({ secret, timestamp, body, signature: undefined, now })).toBe(false)
    expect(verifySignature({ secret, timestamp: 'soon', body, signature, now })).toBe(false)
  })

  it('rejects a replay outside the tolerance, on either side of now', () => {
    expect(verifySignature({ secret, timestamp, body, signature, now: now + 300_000 })).toBe(true)
    expect(verifySignature({ secret, timestamp, body, signature, now: now + 301_000 })).toBe(false)
    expect(verifySignature({ secret, timestamp, body, signature, now: now - 301_000 })).toBe(false)
    expect(verifySignature({ secret, timestamp, body, signature, now: now + 60_000, toleranceSeconds: 30 })).toBe(false)
  })
})
