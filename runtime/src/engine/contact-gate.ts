import type { Channel } from '@dunwell/journey'
import { checkFrequencyCap, checkQuietPeriods, quietPeriodEvents, rulesInForce, type ContactPolicy, type ContactRuleResult, type RulesInForce } from '../policy'
import type { BatchRun } from './batch-run'
import { placeOf } from './case-facts'
import type { CaseRecord, EventRecord } from './records'

type Held = Extract<ContactRuleResult, { allowed: false }>

/** A contact the policy holds back: what the trail says, and the earliest moment the rule allows it. */
export interface HeldContact {
  onCap: Held['onCap']
  allowedAt: number
  reason: string
  detail: Record<string, unknown>
}

/**
 * The policy's cross-journey rules for one more contact on `channel` (frequency caps, quiet periods), counted over every
 * journey's contacts of the case, those of this batch included. The rules in force depend on where the debtor lives.
 */
export function gateContact(run: BatchRun, record: CaseRecord, journeyId: string, channel: Channel, now: number): { rules: RulesInForce; held?: HeldContact } {
  const { policy } = run.deps
  const rules = rulesInForce(policy, placeOf(record, policy.defaultTimezone))
  const at = new Date(now)
  const cap = checkFrequencyCap(rules.caps, channel, run.state.contactsOf(record.id), at)
  const quiet = checkQuietPeriods(rules.quietPeriods, channel, run.state.quietStartsOf(record.id), at)
  // A suppressing cap wins; else whichever rule holds the contact back longest.
  const held = [cap, quiet]
    .filter((r): r is Held => !r.allowed)
    .sort((a, b) => (a.onCap === b.onCap ? b.allowedAt.getTime() - a.allowedAt.getTime() : a.onCap === 'suppress' ? -1 : 1))[0]
  if (!held) return { rules }
  const others = held.journeys.filter((id) => id !== journeyId)
  const kind = held.since ? 'quiet period' : 'frequency cap'
  const reason = `${kind}: ${held.rule}${held.since ? ` (since ${held.since.toISOString()})` : ''}${others.length > 0 ? `, used by ${others.map((id) => `journey "${id}"`).join(', ')}` : ''}`
  return {
    rules,
    held: {
      onCap: held.onCap,
      allowedAt: held.allowedAt.getTime(),
      reason,
      detail: {
        rule: held.rule,
        ...(held.source ? { source: held.source } : {}),
        ...(held.counted !== undefined ? { counted: held.counted } : {}),
        ...(held.since ? { since: held.since.toISOString() } : {}),
        journeys: others,
      },
    },
  }
}

/** Counts a contact against the caps for the rest of the batch (the outbox row counts once committed). */
export function countContact(run: BatchRun, record: CaseRecord, journeyId: string, channel: Channel, now: number): void {
  run.state.contactsOf(record.id).push({ channel, at: now, journeyId })
}

const quietTypes = new WeakMap<ContactPolicy, Set<string>>()

/** An event that starts a quiet period (e.g. `call.connected`) counts from now on, in this batch too. */
export function noteQuietStart(run: BatchRun, record: CaseRecord, event: EventRecord): void {
  const { policy } = run.deps
  let types = quietTypes.get(policy)
  if (!types) quietTypes.set(policy, (types = new Set(quietPeriodEvents(policy))))
  if (types.has(event.type)) run.state.quietStartsOf(record.id).push({ type: event.type, at: event.at })
}
