import type { EventInput } from '@dunwell/contract'

/** The event of a debtor's opt-out through a link or the portal: one per case and channel, however often asked. */
export function optOutEvent(caseId: string, channel: string): EventInput {
  return { id: `optout/${caseId}/${channel}`, type: 'optout', caseId, data: { channel, via: 'link' } }
}
