import type { Channel } from '@dunwell/journey'
import { DateTime, Duration } from 'luxon'
import { capChannels, messageChannels, type FrequencyCap, type OnCap, type QuietPeriod } from './contact-rules'

/** A contact made (or queued) for a debtor, by any journey. */
export interface ContactMade {
  channel: string
  at: number
  journeyId: string
}

/** An event that may start a quiet period. */
export interface QuietStart {
  type: string
  at: number
}

export type ContactRuleResult =
  | { allowed: true }
  | {
      allowed: false
      /** The rule in words, e.g. "at most 7 calls in 7 days". */
      rule: string
      /** When one more contact is allowed again. */
      allowedAt: Date
      onCap: OnCap
      /** The journeys whose contacts used the cap, in the order they made them. */
      journeys: string[]
      /** How many contacts the cap counted, or for a quiet period when the event that started it happened. */
      counted?: number
      since?: Date
      /** Where the rule comes from: `policy`, or a jurisdiction such as `Regulation F (US)`. */
      source?: string
    }

type Refusal = Extract<ContactRuleResult, { allowed: false }>

const nouns: Record<Channel, [one: string, many: string]> = {
  email: ['email', 'emails'],
  sms: ['text message', 'text messages'],
  whatsapp: ['WhatsApp message', 'WhatsApp messages'],
  letter: ['letter', 'letters'],
  call: ['call', 'calls'],
}

function windowStart(now: Date, window: string): number {
  return DateTime.fromJSDate(now, { zone: 'utc' }).minus(Duration.fromISO(window)).toMillis()
}

/**
 * Whether one more contact on `channel` keeps every cap: counts the contacts of every journey in the rolling window
 * ending at `now`. A send recorded after `now` still counts, so clock skew cannot open a gap. Of several caps that
 * refuse, a `suppress` one wins; else the one that holds longest.
 */
export function checkFrequencyCap(caps: (FrequencyCap & { source?: string })[], channel: Channel, sent: ContactMade[], now: Date): ContactRuleResult {
  let refusal: Refusal | undefined
  for (const cap of caps) {
    if (!capChannels(cap).includes(channel)) continue
    const usage = capUsage(cap, sent, now)
    if (!usage.allowedAt) continue
    const candidate: Refusal = {
      allowed: false,
      rule: describeCap(cap),
      allowedAt: usage.allowedAt,
      onCap: cap.onCap,
      journeys: usage.journeys,
      counted: usage.counted,
      ...(cap.source ? { source: cap.source } : {}),
    }
    if (!refusal || outweighs(candidate, refusal)) refusal = candidate
  }
  return refusal ?? { allowed: true }
}

/** What counts against a cap now: how many contacts, of which journeys, and when one more is allowed if it is full. */
export function capUsage(cap: FrequencyCap, sent: ContactMade[], now: Date): { counted: number; journeys: string[]; allowedAt?: Date } {
  const counts = capChannels(cap)
  const start = windowStart(now, cap.window)
  const inWindow = sent.filter((contact) => contact.at > start && counts.includes(contact.channel as Channel)).sort((a, b) => a.at - b.at)
  const usage = { counted: inWindow.length, journeys: [...new Set(inWindow.map((contact) => contact.journeyId))] }
  if (inWindow.length < cap.max) return usage
  // One more is allowed once all but max - 1 of them have left the window.
  const oldestToLeave = inWindow[inWindow.length - cap.max]?.at ?? start
  return { ...usage, allowedAt: DateTime.fromMillis(oldestToLeave, { zone: 'utc' }).plus(Duration.fromISO(cap.window)).toJSDate() }
}

function outweighs(candidate: Refusal, current: Refusal): boolean {
  if (candidate.onCap !== current.onCap) return candidate.onCap === 'suppress'
  if (candidate.allowedAt.getTime() !== current.allowedAt.getTime()) return candidate.allowedAt > current.allowedAt
  // Holding as long: the jurisdiction's rule names the law.
  return current.source === 'policy' && candidate.source !== undefined && candidate.source !== 'policy'
}

/** Whether `channel` is in a quiet period: an event of a period's type within its duration before `now`. */
export function checkQuietPeriods(periods: (QuietPeriod & { source?: string })[], channel: Channel, events: QuietStart[], now: Date): ContactRuleResult {
  let refusal: Refusal | undefined
  for (const period of periods) {
    if (!period.channels.includes(channel)) continue
    const quiet = quietUntil(period, events, now)
    if (!quiet) continue
    if (!refusal || quiet.until > refusal.allowedAt) {
      refusal = {
        allowed: false,
        rule: describeQuietPeriod(period),
        allowedAt: quiet.until,
        onCap: 'defer',
        journeys: [],
        since: quiet.since,
        ...(period.source ? { source: period.source } : {}),
      }
    }
  }
  return refusal ?? { allowed: true }
}

/** The quiet period running now, if any: since the last event that started it, until its end. */
export function quietUntil(period: QuietPeriod, events: QuietStart[], now: Date): { since: Date; until: Date } | undefined {
  const start = windowStart(now, period.duration)
  const last = Math.max(-Infinity, ...events.filter((e) => e.type === period.after && e.at > start && e.at <= now.getTime()).map((e) => e.at))
  if (last === -Infinity) return undefined
  return { since: new Date(last), until: DateTime.fromMillis(last, { zone: 'utc' }).plus(Duration.fromISO(period.duration)).toJSDate() }
}

/** "at most 7 calls in 7 days", with the rule's name in front when it has one. */
export function describeCap(cap: FrequencyCap): string {
  const counts = capChannels(cap)
  const [one, many] = counts.length === 1 ? nouns[counts[0]!] : sameChannels(counts, messageChannels) ? ['message', 'messages'] : ['contact', 'contacts']
  const words = `at most ${cap.max} ${cap.max === 1 ? one : many}${counts.length > 1 && !sameChannels(counts, messageChannels) ? ` (${counts.join(', ')})` : ''} in ${Duration.fromISO(cap.window).toHuman()}`
  return cap.name ? `${cap.name}: ${words}` : words
}

export function describeQuietPeriod(period: QuietPeriod): string {
  const words = `no ${period.channels.join(', ')} within ${Duration.fromISO(period.duration).toHuman()} after ${period.after}`
  return period.name ? `${period.name}: ${words}` : words
}

function sameChannels(a: Channel[], b: Channel[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c))
}
