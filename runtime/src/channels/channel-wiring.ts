import type { Channel } from '@dunwell/journey'
import type { ChannelAdapter } from './channel-adapter'

/** The settings that wire each channel, named in the start lines of a channel that is not wired. */
const wiredBy: Record<Exclude<Channel, 'call'>, string> = {
  email: 'DUNWELL_SMTP_HOST and DUNWELL_SMTP_FROM',
  sms: 'DUNWELL_SMS_URL and DUNWELL_SMS_SECRET',
  whatsapp: 'DUNWELL_WHATSAPP_URL and DUNWELL_WHATSAPP_SECRET',
  letter: 'DUNWELL_LETTER_URL and DUNWELL_LETTER_SECRET',
}

/**
 * One line per channel for the server's start: what it is wired to, or that its messages are only recorded. Names
 * hosts, never secrets. Calls are tasks for agents (`/api/tasks`), wired by nature.
 */
export function channelWiringLines(channels: Partial<Record<string, ChannelAdapter>>): string[] {
  const lines = (Object.keys(wiredBy) as (keyof typeof wiredBy)[]).map((channel) => {
    const provider = channels[channel]?.provider
    return provider ? `  ${channel}: wired to ${provider}` : `  ${channel}: not wired, messages are recorded and not sent (set ${wiredBy[channel]})`
  })
  return ['Channels:', ...lines, '  call: tasks for agents at /api/tasks']
}
