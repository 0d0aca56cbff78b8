import { channels } from '@dunwell/journey'
import { lookBack, prepareHolidays, quietPeriodEvents, type ContactMade, type QuietStart } from '../policy'
import { yieldToLoop } from './breathe'
import type { EngineDeps } from './engine-deps'
import type { ArrangementRecord, CaseRecord, EnrolmentRecord, OfferRecord } from './records'

const key = (...parts: string[]) => parts.join('\u0000')

/** What a batch reads once, up front, for the cases it touches. */
export class BatchState {
  cases = new Map<string, CaseRecord>()
  enrolmentsByCase = new Map<string, EnrolmentRecord[]>()
  enrolmentsById = new Map<string, EnrolmentRecord>()
  optouts = new Map<string, Set<string>>()
  holds = new Map<string, Set<string>>()
  splits = new Map<string, string>()
  /** Each case's promises and plans, oldest first. */
  arrangements = new Map<string, ArrangementRecord[]>()
  /** What each enrolment's steps offered, oldest first. */
  offers = new Map<string, OfferRecord[]>()
  /** Each case's recent contacts (every journey's) and the events that started quiet periods, for the policy's rules. */
  contacts = new Map<string, ContactMade[]>()
  quietStarts = new Map<string, QuietStart[]>()

  static async load(deps: EngineDeps, caseIds: string[], now: number): Promise<BatchState> {
    const state = new BatchState()
    const { store, policy } = deps
    state.cases = await store.loadCases(caseIds)
    for (const enrolment of await store.loadEnrolments(caseIds)) state.addEnrolment(enrolment)
    for (const { caseId, channel } of await store.loadOptouts(caseIds)) state.optedOut(caseId).add(channel)
    for (const { caseId, kind } of await store.loadHolds(caseIds)) state.holdsOf(caseId).add(kind)
    for (const arrangement of await store.loadArrangements(caseIds)) state.arrangementsOf(arrangement.caseId).push(arrangement)
    for (const offer of await store.loadOffers(caseIds)) state.offersOf(offer.enrolmentId).push(offer)
    for (const s of await store.loadSplitAssignments(caseIds)) {
      state.splits.set(key(s.caseId, s.journeyId, s.nodeId), s.variant)
      state.#loaded.add(key(s.caseId, s.journeyId, s.nodeId))
    }
    const back = lookBack(policy)
    if (back.caps > 0) for (const send of await store.loadRecentSends(caseIds, [...channels], now - back.caps)) state.contactsOf(send.caseId).push(send)
    const quiet = quietPeriodEvents(policy)
    if (quiet.length > 0) {
      for (const event of await store.loadRecentEvents(caseIds, quiet, now - back.quietPeriods)) state.quietStartsOf(event.caseId).push(event)
    }
    // The public holidays of the cases' places, this year and next, worked out before the work, one calendar a turn.
    const year = new Date(now).getUTCFullYear()
    const places = new Set([...state.cases.values()].map((c) => `${c.debtor.country ?? policy.defaultCountry ?? ''}\u0000${c.debtor.region ?? ''}`))
    for (const place of places) {
      const [country, region] = place.split('\u0000') as [string, string]
      for (const y of [year, year + 1]) while (prepareHolidays(country || undefined, region || undefined, y)) await yieldToLoop()
    }
    // Journeys the enrolments are on, compiled once and cached for good.
    const versions = new Set([...state.enrolmentsById.values()].map((e) => `${e.journeyId}\u0000${e.version}`))
    for (const version of versions) {
      const [journeyId, number] = version.split('\u0000') as [string, string]
      if (!deps.journeys.get(journeyId, Number(number))) await deps.loadVersion(journeyId, Number(number))
    }
    return state
  }

  addEnrolment(enrolment: EnrolmentRecord): void {
    this.enrolmentsById.set(enrolment.id, enrolment)
    const list = this.enrolmentsByCase.get(enrolment.caseId)
    if (list) list.push(enrolment)
    else this.enrolmentsByCase.set(enrolment.caseId, [enrolment])
  }

  enrolmentsOf(caseId: string): EnrolmentRecord[] {
    return this.enrolmentsByCase.get(caseId) ?? []
  }

  optedOut(caseId: string): Set<string> {
    let set = this.optouts.get(caseId)
    if (!set) this.optouts.set(caseId, (set = new Set()))
    return set
  }

  holdsOf(caseId: string): Set<string> {
    let set = this.holds.get(caseId)
    if (!set) this.holds.set(caseId, (set = new Set()))
    return set
  }

  arrangementsOf(caseId: string): ArrangementRecord[] {
    let list = this.arrangements.get(caseId)
    if (!list) this.arrangements.set(caseId, (list = []))
    return list
  }

  offersOf(enrolmentId: string): OfferRecord[] {
    let list = this.offers.get(enrolmentId)
    if (!list) this.offers.set(enrolmentId, (list = []))
    return list
  }

  contactsOf(caseId: string): ContactMade[] {
    let list = this.contacts.get(caseId)
    if (!list) this.contacts.set(caseId, (list = []))
    return list
  }

  quietStartsOf(caseId: string): QuietStart[] {
    let list = this.quietStarts.get(caseId)
    if (!list) this.quietStarts.set(caseId, (list = []))
    return list
  }

  split(caseId: string, journeyId: string, nodeId: string): string | undefined {
    return this.splits.get(key(caseId, journeyId, nodeId))
  }

  setSplit(caseId: string, journeyId: string, nodeId: string, variant: string): void {
    this.splits.set(key(caseId, journeyId, nodeId), variant)
  }

  #recorded = new Set<string>()

  /** Whether the assignment is stored already (loaded, or recorded in this batch). */
  recorded(caseId: string, journeyId: string, nodeId: string): boolean {
    const k = key(caseId, journeyId, nodeId)
    return this.#recorded.has(k) || this.#loaded.has(k)
  }

  markRecorded(caseId: string, journeyId: string, nodeId: string): void {
    this.#recorded.add(key(caseId, journeyId, nodeId))
  }

  #loaded = new Set<string>()
}
