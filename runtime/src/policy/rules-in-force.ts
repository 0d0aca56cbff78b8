import { weekdays } from '@dunwell/journey'
import { Duration } from 'luxon'
import { effectiveContactHours, type ContactPolicy } from './contact-policy'
import type { FrequencyCap, Jurisdiction, QuietPeriod } from './contact-rules'
import type { ContactWindow, DebtorPlace, Hours } from './types'

/** A jurisdiction whose rules apply to a debtor, and why. */
export interface AppliedJurisdiction {
  name: string
  country: string
  region?: string
  /** E.g. "the debtor's country is US" or "the debtor's region is US-MA". */
  why: string
}

/** The rules of the policy that hold for one debtor: the policy's own, plus those of the jurisdictions they live in. */
export interface RulesInForce {
  country?: string
  region?: string
  jurisdictions: AppliedJurisdiction[]
  /** The policy's contact hours narrowed by every jurisdiction's. */
  hours: ContactWindow
  caps: (FrequencyCap & { source: string })[]
  quietPeriods: (QuietPeriod & { source: string })[]
}

/** Where a jurisdiction's rules apply: `US`, or `US-MA`. */
export function placeOfJurisdiction(jurisdiction: Jurisdiction): string {
  return jurisdiction.region ? `${jurisdiction.country}-${jurisdiction.region}` : jurisdiction.country
}

/** How the trail and the API name a jurisdiction: its own name, else where it applies. */
export function jurisdictionName(jurisdiction: Jurisdiction): string {
  return jurisdiction.name ?? placeOfJurisdiction(jurisdiction)
}

const cache = new WeakMap<ContactPolicy, Map<string, RulesInForce>>()

/** The rules in force for a debtor of this place (the policy's default country when theirs is unknown). */
export function rulesInForce(policy: ContactPolicy, place: DebtorPlace): RulesInForce {
  const country = place.country ?? policy.defaultCountry
  const region = place.region?.replace(/^[A-Z]{2}-/, '')
  const key = `${country ?? ''}\u0000${region ?? ''}`
  let byPlace = cache.get(policy)
  if (!byPlace) cache.set(policy, (byPlace = new Map()))
  const cached = byPlace.get(key)
  if (cached) return cached
  const rules: RulesInForce = {
    ...(country ? { country } : {}),
    ...(region ? { region } : {}),
    jurisdictions: [],
    hours: { ...policy.contactHours, days: [...policy.contactHours.days] },
    caps: policy.frequencyCaps.map((cap) => ({ ...cap, source: 'policy' })),
    quietPeriods: policy.quietPeriods.map((period) => ({ ...period, source: 'policy' })),
  }
  for (const jurisdiction of policy.jurisdictions) {
    if (!applies(jurisdiction, country, region)) continue
    const where = placeOfJurisdiction(jurisdiction)
    const name = jurisdictionName(jurisdiction)
    rules.jurisdictions.push({
      name,
      country: jurisdiction.country,
      ...(jurisdiction.region ? { region: jurisdiction.region } : {}),
      why: jurisdiction.region ? `the debtor's region is ${where}` : `the debtor's country is ${where}`,
    })
    const source = `${name} (${where})`
    if (jurisdiction.contactHours) rules.hours = narrowHours(rules.hours, jurisdiction.contactHours)
    for (const cap of jurisdiction.frequencyCaps ?? []) rules.caps.push({ ...cap, source })
    for (const period of jurisdiction.quietPeriods ?? []) rules.quietPeriods.push({ ...period, source })
  }
  byPlace.set(key, rules)
  return rules
}

function applies(jurisdiction: Jurisdiction, country: string | undefined, region: string | undefined): boolean {
  return jurisdiction.country === country && (jurisdiction.region === undefined || jurisdiction.region === region)
}

/** The hours inside both; a jurisdiction's alone when they do not meet (the law's bound wins). */
function narrowHours(hours: ContactWindow, bound: Hours): ContactWindow {
  const narrowed = effectiveContactHours({ contactHours: hours }, bound)
  return narrowed.warning ? { start: bound.start, end: bound.end, days: [...(bound.days ?? weekdays)] } : narrowed.hours
}

const allCaps = (policy: ContactPolicy) => [...policy.frequencyCaps, ...policy.jurisdictions.flatMap((j) => j.frequencyCaps ?? [])]
const allQuietPeriods = (policy: ContactPolicy) => [...policy.quietPeriods, ...policy.jurisdictions.flatMap((j) => j.quietPeriods ?? [])]

/** How far back any cap (or quiet period) of the policy looks, in milliseconds: what a batch reads of the past. */
export function lookBack(policy: ContactPolicy): { caps: number; quietPeriods: number } {
  const longest = (durations: string[]) => Math.max(0, ...durations.map((d) => Duration.fromISO(d).toMillis()))
  return { caps: longest(allCaps(policy).map((cap) => cap.window)), quietPeriods: longest(allQuietPeriods(policy).map((p) => p.duration)) }
}

/** The event types that start a quiet period somewhere. */
export function quietPeriodEvents(policy: ContactPolicy): string[] {
  return [...new Set(allQuietPeriods(policy).map((period) => period.after))]
}
