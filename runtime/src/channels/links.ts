import { createHmac, timingSafeEqual } from 'node:crypto'

export type LinkPurpose = 'pay' | 'optout'

/** 96 bits: a forger must guess online, one request per try, so this keeps SMS links short without making guessing feasible. */
const MAC_BYTES = 12
const MIN_SECRET_LENGTH = 16

function mac(secret: string, purpose: LinkPurpose, payload: Buffer): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the link secret must be at least ${MIN_SECRET_LENGTH} characters`)
  return createHmac('sha256', secret).update(`dunwell-link/${purpose}\n`).update(payload).digest().subarray(0, MAC_BYTES)
}

/** A token for one case, channel and purpose: readable, but unforgeable without the secret. */
export function linkToken(caseId: string, channel: string, secret: string, purpose: LinkPurpose): string {
  // The first colon ends the channel, so the case id may contain anything.
  if (!channel || channel.includes(':')) throw new Error(`not a channel name: ${JSON.stringify(channel)}`)
  const payload = Buffer.from(`${channel}:${caseId}`, 'utf8')
  return Buffer.concat([payload, mac(secret, purpose, payload)]).toString('base64url')
}

/** The case and channel a token was made for, or `null` for a token that was not made with this secret and purpose. */
export function verifyLinkToken(token: string, secret: string, purpose: LinkPurpose): { caseId: string; channel: string } | null {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(token)) return null
  const bytes = Buffer.from(token, 'base64url')
  // Only the canonical encoding, so one link has one token.
  if (bytes.length <= MAC_BYTES || bytes.toString('base64url') !== token) return null
  const payloadBytes = bytes.subarray(0, bytes.length - MAC_BYTES)
  if (!timingSafeEqual(bytes.subarray(bytes.length - MAC_BYTES), mac(secret, purpose, payloadBytes))) return null
  const payload = payloadBytes.toString('utf8')
  const colon = payload.indexOf(':')
  if (colon <= 0) return null
  return { channel: payload.slice(0, colon), caseId: payload.slice(colon + 1) }
}

export interface LinksOptions {
  /** Where the runtime's pay and opt-out pages are served, e.g. `https://pay.acme.com`. */
  publicUrl: string
  /** At least 16 characters; rotating it invalidates every link already sent. */
  secret: string
}

/** The engine's `links` option: a pay and an opt-out link per case and channel. */
export function createLinks({ publicUrl, secret }: LinksOptions): (caseId: string, channel: string) => { pay: string; optout: string } {
  let url: URL
  try {
    url = new URL(publicUrl)
  } catch {
    throw new Error(`publicUrl is not a URL: ${JSON.stringify(publicUrl)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`publicUrl must be http(s), got ${url.protocol}`)
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the link secret must be at least ${MIN_SECRET_LENGTH} characters`)
  const base = publicUrl.replace(/\/+$/, '')
  return (caseId, channel) => ({
    pay: `${base}/pay/${linkToken(caseId, channel, secret, 'pay')}`,
    optout: `${base}/optout/${linkToken(caseId, channel, secret, 'optout')}`,
  })
}
