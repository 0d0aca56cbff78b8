/**
 * The event types Dunwell itself sends or acts on: the runtime's engine holds and releases cases on them, the
 * provider callbacks and call outcomes produce them. Other systems may send their own; these are the ones the
 * editor suggests and the validator compares a name with.
 */
export const knownEvents = {
  'invoice.overdue': 'an invoice is past its due date',
  'payment.received': 'a payment arrived',
  'promise.made': 'the debtor promised to pay',
  'promise.kept': 'a promised payment arrived in time (sent by the engine)',
  'promise.broken': 'a promised payment did not arrive (sent by the engine after the grace days)',
  'plan.agreed': 'the debtor agreed an instalment plan',
  'plan.instalment.paid': 'an instalment of a plan was paid (sent by the engine)',
  'plan.instalment.missed': 'an instalment was not paid in time (sent by the engine after the grace days)',
  'plan.completed': 'every instalment of a plan was paid (sent by the engine)',
  'plan.broken': 'a plan failed: too many instalments missed (sent by the engine)',
  'payment.reversed': 'a payment was returned (the balance rises again)',
  'dispute.opened': 'the debtor disputes the claim (holds the case)',
  'dispute.resolved': 'a dispute is settled (releases the hold)',
  'hardship.reported': 'the debtor reports hardship (holds the case)',
  'hardship.resolved': 'hardship is over (releases the hold)',
  'legal.hold': 'legal puts the case on hold',
  'legal.released': 'legal releases the case',
  'case.updated': 'the case’s amounts or attributes changed',
  optout: 'the debtor opted out of a channel',
  'preferences.changed': 'the debtor set contact preferences: channel, time of day, language (the engine keeps them)',
  'message.delivered': 'a message reached the debtor',
  'message.failed': 'a message could not be delivered',
  'message.replied': 'the debtor replied to a message',
  'link.opened': 'the debtor opened the portal link of a message (not counted for link scanners and previews)',
  'call.connected': 'an agent reached the debtor',
  'call.no-answer': 'an agent’s call went unanswered',
  'call.wrong-number': 'an agent reached the wrong person',
  'call.paid-reported': 'the debtor told an agent they have paid',
} as const satisfies Record<string, string>

export type KnownEvent = keyof typeof knownEvents

export const knownEventTypes = Object.keys(knownEvents) as KnownEvent[]

export function isKnownEvent(type: string): type is KnownEvent {
  return Object.hasOwn(knownEvents, type)
}
