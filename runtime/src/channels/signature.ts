import { createHmac, timingSafeEqual } from 'node:crypto'

export const TIMESTAMP_HEADER = 'X-Dunwell-Timestamp'
export const SIGNATURE_HEADER = 'X-Dunwell-Signature'

/** `sha256=<hex>` of HMAC-SHA256 over `timestamp.body`: the timestamp is signed so a captured request cannot be replayed later. */
export function signPayload(secret: string, timestamp: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`
}

export interface VerifySignatureInput {
  secret: string
  /** The `X-Dunwell-Timestamp` header: Unix seconds. */
  timestamp: string | null | undefined
  /** The raw body as received; re-serialised JSON would not match. */
  body: string | Uint8Array
  /** The `X-Dunwell-Signature` header. */
  signature: string | null | undefined
  /** Milliseconds since the epoch. */
  now: number
  toleranceSeconds?: number
}

/** Whether a request was signed with `secret` within `toleranceSeconds` of `now` (either side, for clock skew). */
export function verifySignature({ secret, timestamp, body, signature, now, toleranceSeconds = 300 }: VerifySignatureInput): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false
  const expected = Buffer.from(signPayload(secret, timestamp, body))
  const given = Buffer.from(signature.trim())
  return given.length === expected.length && timingSafeEqual(given, expected)
}
