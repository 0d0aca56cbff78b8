import { createHmac, timingSafeEqual } from 'node:crypto'

export type LinkPurpose = 'pay' | 'optout' | 'portal'

/** 96 bits: a forger must guess online, one request per try, so this keeps SMS links short without making guessing feasible. */
const MAC_BYTES = 12
const MIN_SECRET_LENGTH = 16

/** How long a link works unless configured otherwise: a few months, longer than a dunning journey runs. */
export const DEFAULT_LINK_TTL_DAYS = 120
const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
/** The first byte of a token's payload: 2 carries an expiry; tokens without one (version 1) read as expired. */
const VERSION = 2
/** A portal link's payload: version 3 carries the expiry, the offers and the journey step besides case and channel. */
const PORTAL_VERSION = 3

function mac(secret: string, purpose: LinkPurpose, payload: Buffer, version: 1 | 2 | 3): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the link secret must be at least ${MIN_SECRET_LENGTH} characters`)
  const domain = version === 1 ? `dunwell-link/${purpose}\n` : `dunwell-link/v${version}/${purpose}\n`
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
  if (purpose === 'portal') return portalLinkToken({ caseId, channel }, secret, expiresAt)
  const header = Buffer.alloc(5)
  header.writeUInt8(VERSION, 0)
  header.writeUInt32BE(expiryMinutes(expiresAt), 1)
  const payload = Buffer.concat([header, caseAndChannelBytes(caseId, channel)])
  return Buffer.concat([payload, mac(secret, purpose, payload, 2)]).toString('base64url')
}

const expiryMinutes = (expiresAt: number) => Math.min(0xffffffff, Math.max(0, Math.ceil(expiresAt / MINUTE_MS)))

function caseAndChannelBytes(caseId: string, channel: string): Buffer {
  // The first colon ends the channel, so the case id may contain anything.
  if (!channel || channel.includes(':')) throw new Error(`not a channel name: ${JSON.stringify(channel)}`)
  return Buffer.from(`${channel}:${caseId}`, 'utf8')
}

/**
 * What a journey step may offer on the portal besides what is always there (paying in full, bank transfer,
 * disputing, "I can't pay right now", preferences, opt-out). A link carries them signed, so a debtor cannot
 * unlock an offer by editing the link. Append only: a flag's position is its bit in tokens already sent.
 */
export const portalOffers = ['partial', 'plan', 'promise'] as const
export type PortalOffer = (typeof portalOffers)[number]

/** The message a portal link came with: its outbox id (which names the enrolment and, through it, the node). */
export interface PortalStep {
  id: string
  offers?: readonly PortalOffer[]
}

export interface PortalLinkTarget {
  caseId: string
  channel: string
  /** The journey step whose message carried the link; absent on a link made outside a journey (e.g. an old pay link). */
  step?: string
  offers: readonly PortalOffer[]
}

/** Outbox ids name journey, case, enrolment and step: room for long case ids, within a token's 2,000 characters. */
const MAX_STEP_BYTES = 1000
const PORTAL_HEADER = 8

/** A portal link's token: bound to case, channel, journey step and its offers; expires like every link. */
export function portalLinkToken(
  target: { caseId: string; channel: string; step?: string; offers?: readonly PortalOffer[] },
  secret: string,
  expiresAt: number = Date.now() + DEFAULT_LINK_TTL_DAYS * DAY_MS,
): string {
  const step = Buffer.from(target.step ?? '', 'utf8')
  if (step.length > MAX_STEP_BYTES) throw new Error(`a portal link's step is at most ${MAX_STEP_BYTES} bytes`)
  let flags = 0
  for (const offer of target.offers ?? []) flags |= 1 << portalOffers.indexOf(offer)
  const header = Buffer.alloc(PORTAL_HEADER)
  header.writeUInt8(PORTAL_VERSION, 0)
  header.writeUInt32BE(expiryMinutes(expiresAt), 1)
  header.writeUInt8(flags, 5)
  header.writeUInt16BE(step.length, 6)
  const payload = Buffer.concat([header, step, caseAndChannelBytes(target.caseId, target.channel)])
  return Buffer.concat([payload, mac(secret, 'portal', payload, PORTAL_VERSION)]).toString('base64url')
}

export type PortalLinkReading =
  | ({ status: 'valid'; expiresAt: number } & PortalLinkTarget)
  /** Made with one of the secrets, but past its time. */
  | ({ status: 'expired' } & PortalLinkTarget)
  | { status: 'invalid' }

/** The bytes of a token with a tag made by one of the secrets, or undefined: the one canonical encoding only. */
function authenticPayload(token: string, secrets: LinkSecrets, purpose: LinkPurpose, version: (payload: Buffer) => 1 | 2 | 3): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(token)) return undefined
  const bytes = Buffer.from(token, 'base64url')
  // Only the canonical encoding, so one link has one token.
  if (bytes.length <= MAC_BYTES || bytes.toString('base64url') !== token) return undefined
  const payload = bytes.subarray(0, bytes.length - MAC_BYTES)
  const tag = bytes.subarray(bytes.length - MAC_BYTES)
  let authentic = false
  for (const secret of secretList(secrets)) if (timingSafeEqual(tag, mac(secret, purpose, payload, version(payload)))) authentic = true
  return authentic ? payload : undefined
}

/** What a portal token says, checked against every secret: valid, expired (authentic but old) or invalid. */
export function readPortalLinkToken(token: string, secrets: LinkSecrets, now: number = Date.now()): PortalLinkReading {
  const payload = authenticPayload(token, secrets, 'portal', () => PORTAL_VERSION)
  if (!payload || payload.length < PORTAL_HEADER || payload[0] !== PORTAL_VERSION) return { status: 'invalid' }
  const stepEnd = PORTAL_HEADER + payload.readUInt16BE(6)
  if (payload.length < stepEnd) return { status: 'invalid' }
  const target = caseAndChannel(payload.subarray(stepEnd))
  if (!target) return { status: 'invalid' }
  const flags = payload.readUInt8(5)
  const step = payload.subarray(PORTAL_HEADER, stepEnd).toString('utf8')
  const link: PortalLinkTarget = {
    ...target,
    ...(step ? { step } : {}),
    offers: portalOffers.filter((_, bit) => (flags & (1 << bit)) !== 0),
  }
  const expiresAt = payload.readUInt32BE(1) * MINUTE_MS
  return now < expiresAt ? { status: 'valid', ...link, expiresAt } : { status: 'expired', ...link }
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
  if (purpose === 'portal') {
    const reading = readPortalLinkToken(token, secrets, now)
    return reading.status === 'invalid'
      ? reading
      : reading.status === 'valid'
        ? { status: 'valid', caseId: reading.caseId, channel: reading.channel, expiresAt: reading.expiresAt }
        : { status: 'expired', caseId: reading.caseId, channel: reading.channel }
  }
  const versionOf = (payload: Buffer) => (payload[0] === VERSION && payload.length > 5 ? 2 : 1)
  const payload = authenticPayload(token, secrets, purpose, versionOf)
  if (!payload) return { status: 'invalid' }
  const version = versionOf(payload)
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

/**
 * The engine's `links` option: per case and channel a portal link (bound to the step whose message carries it, with
 * that step's offers), `pay` (the same portal link: templates written for the pay page lead to the portal) and an
 * opt-out link.
 */
export function createLinks({
  publicUrl,
  secret,
  ttlDays = DEFAULT_LINK_TTL_DAYS,
  now = Date.now,
}: LinksOptions): (caseId: string, channel: string, step?: PortalStep) => { portal: string; pay: string; optout: string } {
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
  return (caseId, channel, step) => {
    const expiresAt = now() + ttlDays * DAY_MS
    const portal = portalUrl(base, portalLinkToken({ caseId, channel, ...(step ? { step: step.id, offers: step.offers ?? [] } : {}) }, signing, expiresAt))
    return {
      portal,
      pay: portal,
      optout: `${base}/optout/${linkToken(caseId, channel, signing, 'optout', expiresAt)}`,
    }
  }
}

/** Where a portal token's page is: `${publicUrl}/portal/${token}`. */
export function portalUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/portal/${token}`
}
