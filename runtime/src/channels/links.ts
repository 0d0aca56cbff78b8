import { createHmac, timingSafeEqual } from 'node:crypto'

export type LinkPurpose = 'pay' | 'optout'

/** 96 bits: a forger must guess online, one request per try, so this keeps SMS links short without making guessing feasible. */
const MAC_BYTES = 12
const MIN_SECRET_LENGTH = 16

/** How long a link works unless configured otherwise: a few months, longer than a dunning journey runs. */
export const DEFAULT_LINK_TTL_DAYS = 120
const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
/** The first byte of a token's payload: 2 carries an expiry; tokens without one (version 1) read as expired. */
const VERSION = 2

function mac(secret: string, purpose: LinkPurpose, payload: Buffer, version: 1 | 2): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the link secret must be at least ${MIN_SECRET_LENGTH} characters`)
  const domain = version === 1 ? `dunwell-link/${purpose}\n` : `dunwell-link/v2/${purpose}\n`
  return createHmac('sha256', secret).update(domain).update(payload).digest().subarray(0, MAC_BYTES)
}

/** The secrets links are checked with: the first signs, every one is accepted (so a rotated-out key keeps working). */
export type LinkSecrets = string | readonly string[]

function secretList(secrets: LinkSecrets): readonly string[] {
  const list = typeof secrets === 'string' ? [secrets] : secrets
  if (list.length === 0) throw new Error('at least one link secret is needed')
  return list
}

/**
 * A token for one case, channel and purpose, valid until `expiresAt` (ms; minute precision): readable, but
 * unforgeable without the secret.
 */
export function linkToken(
  caseId: string,
  channel: string,
  secret: string,
  purpose: LinkPurpose,
  expiresAt: number = Date.now() + DEFAULT_LINK_TTL_DAYS * DAY_MS,
): string {
  // The first colon ends the channel, so the case id may contain anything.
  if (!channel || channel.includes(':')) throw new Error(`not a channel name: ${JSON.stringify(channel)}`)
  const header = Buffer.alloc(5)
  header.writeUInt8(VERSION, 0)
  header.writeUInt32BE(Math.min(0xffffffff, Math.max(0, Math.ceil(expiresAt / MINUTE_MS))), 1)
  const payload = Buffer.concat([header, Buffer.from(`${channel}:${caseId}`, 'utf8')])
  return Buffer.concat([payload, mac(secret, purpose, payload, 2)]).toString('base64url')
}

export type LinkTokenReading =
  | { status: 'valid'; caseId: string; channel: string; expiresAt: number }
  /** Made with one of the secrets, for this purpose, but past its time (or made before links expired). */
  | { status: 'expired'; caseId: string; channel: string }
  | { status: 'invalid' }

function caseAndChannel(bytes: Buffer): { caseId: string; channel: string } | undefined {
  const text = bytes.toString('utf8')
  const colon = text.indexOf(':')
  return colon <= 0 ? undefined : { channel: text.slice(0, colon), caseId: text.slice(colon + 1) }
}

/** What a token says, checked against every secret: valid, expired (authentic but old) or invalid. */
export function readLinkToken(token: string, secrets: LinkSecrets, purpose: LinkPurpose, now: number = Date.now()): LinkTokenReading {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(token)) return { status: 'invalid' }
  const bytes = Buffer.from(token, 'base64url')
  // Only the canonical encoding, so one link has one token.
  if (bytes.length <= MAC_BYTES || bytes.toString('base64url') !== token) return { status: 'invalid' }
  const payload = bytes.subarray(0, bytes.length - MAC_BYTES)
  const tag = bytes.subarray(bytes.length - MAC_BYTES)
  const version = payload[0] === VERSION && payload.length > 5 ? 2 : 1
  let authentic = false
  for (const secret of secretList(secrets)) if (timingSafeEqual(tag, mac(secret, purpose, payload, version))) authentic = true
  if (!authentic) return { status: 'invalid' }
  const target = caseAndChannel(version === 2 ? payload.subarray(5) : payload)
  if (!target) return { status: 'invalid' }
  if (version === 1) return { status: 'expired', ...target }
  const expiresAt = payload.readUInt32BE(1) * MINUTE_MS
  return now < expiresAt ? { status: 'valid', ...target, expiresAt } : { status: 'expired', ...target }
}

/** The case and channel a valid token was made for, or `null` for a token that is expired or not made with a secret. */
export function verifyLinkToken(
  token: string,
  secrets: LinkSecrets,
  purpose: LinkPurpose,
  now: number = Date.now(),
): { caseId: string; channel: string } | null {
  const reading = readLinkToken(token, secrets, purpose, now)
  return reading.status === 'valid' ? { caseId: reading.caseId, channel: reading.channel } : null
}

export interface LinksOptions {
  /** Where the runtime's pay and opt-out pages are served, e.g. `https://pay.acme.com`. */
  publicUrl: string
  /**
   * At least 16 characters each. The first signs new links; the others are still accepted, so a key can be rotated
   * by putting the new one first and dropping the old one once its links have expired.
   */
  secret: LinkSecrets
  /** How long a link works, in days: `DEFAULT_LINK_TTL_DAYS` (120) by default. */
  ttlDays?: number
  /** The time links are made at (the engine's clock); the system clock by default. */
  now?: () => number
}

/** The engine's `links` option: a pay and an opt-out link per case and channel. */
export function createLinks({
  publicUrl,
  secret,
  ttlDays = DEFAULT_LINK_TTL_DAYS,
  now = Date.now,
}: LinksOptions): (caseId: string, channel: string) => { pay: string; optout: string } {
  let url: URL
  try {
    url = new URL(publicUrl)
  } catch {
    throw new Error(`publicUrl is not a URL: ${JSON.stringify(publicUrl)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`publicUrl must be http(s), got ${url.protocol}`)
  const secrets = secretList(secret)
  for (const each of secrets) if (each.length < MIN_SECRET_LENGTH) throw new Error(`the link secret must be at least ${MIN_SECRET_LENGTH} characters`)
  if (!(ttlDays > 0)) throw new Error(`ttlDays must be a positive number of days, got ${ttlDays}`)
  const signing = secrets[0]!
  const base = publicUrl.replace(/\/+$/, '')
  return (caseId, channel) => {
    const expiresAt = now() + ttlDays * DAY_MS
    return {
      pay: `${base}/pay/${linkToken(caseId, channel, signing, 'pay', expiresAt)}`,
      optout: `${base}/optout/${linkToken(caseId, channel, signing, 'optout', expiresAt)}`,
    }
  }
}
