import { minorDigits } from '@dunwell/contract'
import { instalmentSchedule, type Journey, nodeKindOf } from '@dunwell/journey'
import type { SampleCase } from '../templates/sample-cases'

const DAY_MS = 86_400_000

/** An event the test run sends, a number of days after the case enters. */
export interface PlannedEvent {
  key: number
  type: string
  day: number
  /** Money for payments and promises, in major units. */
  amount?: number
  /** The channel an opt-out is for (`all` for every channel). */
  channel?: string
}

/** What a test run is asked to do. */
export interface RunSetup {
  sampleIndex: number
  sample: SampleCase
  events: PlannedEvent[]
  /** Null: as many as the journey's longest path needs. */
  days: number | null
  /** The day the case enters (YYYY-MM-DD), at 09:00 UTC. */
  startDate: string
}

/** The events people test with, in the order they are offered; each says which fields it takes. */
export const eventChoices: { type: string; label: string; takes?: 'amount' | 'channel' }[] = [
  { type: 'payment.received', label: 'Payment received', takes: 'amount' },
  { type: 'promise.made', label: 'Promise to pay (in 7 days)', takes: 'amount' },
  { type: 'plan.agreed', label: 'Plan agreed (3 monthly, from 7 days on)', takes: 'amount' },
  { type: 'dispute.opened', label: 'Dispute opened' },
  { type: 'dispute.resolved', label: 'Dispute resolved' },
  { type: 'hardship.reported', label: 'Hardship reported' },
  { type: 'optout', label: 'Opt-out', takes: 'channel' },
  { type: 'message.opened', label: 'Message opened' },
  { type: 'message.clicked', label: 'Link clicked' },
]

/** How long one node can hold a case, in days, at most: its kind says (0 for a step a case passes at once). */
function holdDays(node: Journey['nodes'][number]): number {
  try {
    return nodeKindOf(node.type)?.holds?.(node.data) ?? 0
  } catch {
    // Data too broken to read holds nobody for long.
    return 0
  }
}

/**
 * How many days a test run needs for the journey's longest path (the longest sum of waits from the entry), with a
 * margin for contact hours, within 7 to 365. Loops count once.
 */
export function suggestedDays(document: Journey): number {
  const nodes = new Map(document.nodes.map((node) => [node.id, node]))
  const next = new Map<string, string[]>()
  for (const edge of document.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target])
  const longest = (id: string, seen: Set<string>): number => {
    const node = nodes.get(id)
    if (!node || seen.has(id)) return 0
    seen.add(id)
    const after = Math.max(0, ...(next.get(id) ?? []).map((target) => longest(target, seen)))
    seen.delete(id)
    return holdDays(node) + after
  }
  const entries = document.nodes.filter((node) => node.type === 'entry')
  const days = Math.max(0, ...entries.map((entry) => longest(entry.id, new Set())))
  return Math.min(365, Math.max(7, Math.ceil(days + 2)))
}

/** The case enters at 09:00 UTC: a working morning in most of Europe, so that the first message needs no waiting. */
export function startOf(startDate: string): string {
  return `${startDate}T09:00:00Z`
}

/** The simulation's body: this case, the planned events at their day, and the draft itself. */
export function simulationRequest(document: Journey, sample: SampleCase, events: PlannedEvent[], start: string, days: number) {
  const startMs = Date.parse(start)
  return {
    journey: document,
    cases: [sample],
    events: events.map((event, index) => ({
      id: `test-run/${index + 1}`,
      type: event.type,
      caseId: sample.id,
      // Two hours into the day: clear of the waits that end on the hour the case entered.
      at: new Date(startMs + event.day * DAY_MS + 2 * 3_600_000).toISOString(),
      data: eventData(event, sample, startMs),
    })),
    start,
    days,
    trace: [sample.id],
  }
}

/** A promise or plan made in a test run starts a week after the day it is made: the run can keep it or break it. */
const ARRANGEMENT_LEAD_DAYS = 7
const PLAN_INSTALMENTS = 3

/** The data of a planned event, as the engine reads it (money in major units). */
function eventData(event: PlannedEvent, sample: SampleCase, startMs: number): Record<string, unknown> {
  const due = new Date(startMs + (event.day + ARRANGEMENT_LEAD_DAYS) * DAY_MS).toISOString().slice(0, 10)
  if (event.type === 'promise.made') return { ...(event.amount !== undefined ? { amount: event.amount } : {}), date: due, via: 'api' }
  if (event.type === 'plan.agreed') {
    const digits = minorDigits(sample.currency)
    const total = Math.round((event.amount ?? sample.balance ?? sample.amountDue) * 10 ** digits)
    if (!(total > 0)) return {}
    const schedule = instalmentSchedule({ balance: total, count: PLAN_INSTALMENTS, interval: 'P1M', firstDate: due })
    return { instalments: schedule.map((i) => ({ dueDate: i.dueDate, amount: i.amount / 10 ** digits })), interval: 'P1M', via: 'api' }
  }
  return {
    ...(event.amount !== undefined ? { amount: event.amount } : {}),
    ...(event.channel ? { channel: event.channel } : {}),
  }
}

/** The calendar date of a moment in a time zone, as days since 1970 (`2026-11-23` in Dublin, say). */
function localDay(iso: string, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso))
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value)
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS
}

/**
 * Calendar days in the debtor's zone from the start to a moment: "day 0" is the day the case enters, "day 1" the
 * next date on the debtor's calendar (a step at 08:00 the morning after a 10:00 start is on day 1).
 */
export function dayOf(start: string, at: string, zone = 'UTC'): number {
  try {
    return localDay(at, zone) - localDay(start, zone)
  } catch {
    return Math.floor((Date.parse(at) - Date.parse(start)) / DAY_MS)
  }
}
