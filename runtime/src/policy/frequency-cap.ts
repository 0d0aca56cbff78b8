import type { Channel } from '@dunwell/journey'
import { DateTime, Duration } from 'luxon'
import type { ContactPolicy } from './contact-policy'

export type FrequencyCapResult =
  | { allowed: true }
  | {
      allowed: false
      /** The cap in words, e.g. "at most 7 calls in 7 days". */
      rule: string
      /** When the oldest messages have left the window far enough for one more. */
      allowedAt: Date
    }

const nouns: Record<Channel, [one: string, many: string]> = {
  email: ['email', 'emails'],
  sms: ['text message', 'text messages'],
  whatsapp: ['WhatsApp message', 'WhatsApp messages'],
  letter: ['letter', 'letters'],
  call: ['call', 'calls'],
}

/**
 * Whether one more message on `channel` keeps every cap of the policy: counts the messages sent in the rolling
 * window ending at `now`. A send recorded after `now` still counts, so clock skew cannot open a gap.
 */
export function checkFrequencyCap(policy: Pick<ContactPolicy, 'frequencyCaps'>, channel: Channel, sentAt: Date[], now: Date): FrequencyCapResult {
  let refusal: Extract<FrequencyCapResult, { allowed: false }> | undefined
  for (const cap of policy.frequencyCaps) {
    if (cap.channel !== channel) continue
    const window = Duration.fromISO(cap.window)
    const windowStart = DateTime.fromJSDate(now, { zone: 'utc' }).minus(window).toMillis()
    const inWindow = sentAt
      .map((sent) => sent.getTime())
      .filter((sent) => sent > windowStart)
      .sort((a, b) => a - b)
    if (inWindow.length < cap.max) continue
    // One more is allowed once all but max - 1 of them have left the window.
    const oldestToLeave = inWindow[inWindow.length - cap.max] ?? windowStart
    const allowedAt = DateTime.fromMillis(oldestToLeave, { zone: 'utc' }).plus(window).toJSDate()
    if (!refusal || allowedAt > refusal.allowedAt) {
      refusal = { allowed: false, rule: describeCap(cap.max, channel, window), allowedAt }
    }
  }
  return refusal ?? { allowed: true }
}

function describeCap(max: number, channel: Channel, window: Duration): string {
  const [one, many] = nouns[channel]
  return `at most ${max} ${max === 1 ? one : many} in ${window.toHuman()}`
}
