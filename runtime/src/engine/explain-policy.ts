import { channels } from '@dunwell/journey'
import type { CasePolicy, ContactPolicyView } from '@dunwell/contract'
import type { EngineStore } from '../db/engine-store'
import {
  capChannels,
  capUsage,
  jurisdictionName,
  describeCap,
  describeQuietPeriod,
  lookBack,
  preferredHours,
  quietPeriodEvents,
  quietUntil,
  rulesInForce,
  type ContactPolicy,
  type ContactWindow,
} from '../policy'
import { placeOf } from './case-facts'

/**
 * The contact rules in force for a case's debtor at `now`: the policy's and those of the jurisdictions the debtor lives
 * in (and why), the contact hours, each cap with the contacts of every journey that count against it, the quiet periods
 * running. Undefined for a case that does not exist.
 */
export async function explainPolicy(store: EngineStore, policy: ContactPolicy, caseId: string, now: number): Promise<CasePolicy | undefined> {
  const record = (await store.loadCases([caseId])).get(caseId)
  if (!record) return undefined
  const place = placeOf(record, policy.defaultTimezone)
  const rules = rulesInForce(policy, place)
  const back = lookBack(policy)
  const sent = await store.loadRecentSends([caseId], [...channels], now - back.caps)
  const events = await store.loadRecentEvents([caseId], quietPeriodEvents(policy), now - back.quietPeriods)
  const at = new Date(now)
  const iso = (date: Date | undefined) => (date ? date.toISOString() : null)
  return {
    caseId,
    at: at.toISOString(),
    place: { country: rules.country ?? null, region: rules.region ?? null, timezone: place.timezone },
    jurisdictions: rules.jurisdictions.map((j) => ({ name: j.name, country: j.country, region: j.region ?? null, why: j.why })),
    contactHours: { ...rules.hours, channels: [...policy.channelsWithHours], holidays: policy.holidays },
    preferredTimeOfDay: preferenceIn(rules.hours, record.preferences?.timeOfDay),
    caps: rules.caps.map((cap) => {
      const usage = capUsage(cap, sent, at)
      return {
        rule: describeCap(cap),
        source: cap.source,
        channels: capChannels(cap),
        max: cap.max,
        window: cap.window,
        onCap: cap.onCap,
        counted: usage.counted,
        journeys: usage.journeys,
        allowedAgainAt: iso(usage.allowedAt),
      }
    }),
    quietPeriods: rules.quietPeriods.map((period) => {
      const running = quietUntil(period, events, at)
      return {
        rule: describeQuietPeriod(period),
        source: period.source,
        after: period.after,
        channels: period.channels,
        duration: period.duration,
        since: iso(running?.since),
        until: iso(running?.until),
      }
    }),
    optouts: (await store.loadOptouts([caseId])).map((o) => o.channel),
    holds: (await store.loadHolds([caseId])).map((h) => h.kind),
    enrolments: (await store.loadEnrolments([caseId]))
      .filter((e) => e.status === 'active' || e.status === 'paused')
      .map((e) => ({ id: e.id, journeyId: e.journeyId, status: e.status, outrankedBy: e.outrankedBy ?? null })),
  }
}

function preferenceIn(hours: ContactWindow, timeOfDay: string | null | undefined): CasePolicy['preferredTimeOfDay'] {
  const narrowed = preferredHours(hours, timeOfDay)
  if (!narrowed.preference) return null
  const { timeOfDay: preferred, start, end, applied, note } = narrowed.preference
  return { timeOfDay: preferred, start, end, applied, hours: { start: narrowed.hours.start, end: narrowed.hours.end }, note }
}

/** The runtime's policy as the API shows it (`GET /api/policy`): the same words as `explainPolicy` uses. */
export function describeContactPolicy(policy: ContactPolicy): ContactPolicyView {
  return {
    contactHours: { ...policy.contactHours, channels: [...policy.channelsWithHours], holidays: policy.holidays },
    caps: policy.frequencyCaps.map((cap) => ({ rule: describeCap(cap), channels: capChannels(cap), max: cap.max, window: cap.window, onCap: cap.onCap })),
    quietPeriods: policy.quietPeriods.map((period) => ({
      rule: describeQuietPeriod(period),
      after: period.after,
      channels: period.channels,
      duration: period.duration,
    })),
    jurisdictions: policy.jurisdictions.map((j) => ({
      name: jurisdictionName(j),
      country: j.country,
      region: j.region ?? null,
      contactHours: j.contactHours ?? null,
      caps: (j.frequencyCaps ?? []).map(describeCap),
      quietPeriods: (j.quietPeriods ?? []).map(describeQuietPeriod),
    })),
    defaultTimezone: policy.defaultTimezone,
  }
}
