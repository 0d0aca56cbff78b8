import { weekdays, type Weekday } from '@dunwell/journey'
import type { ContactPolicyView } from '../api/policy-api'
import { s } from './strings'

/** `Mon–Sat 08:00–20:00`: a run of consecutive days as a range, others listed. */
export function hoursInWords(hours: { start: string; end: string; days?: string[] }): string {
  const days = weekdays.filter((day) => (hours.days ?? weekdays).includes(day))
  const runs: Weekday[][] = []
  for (const day of days) {
    const run = runs.at(-1)
    if (run && weekdays.indexOf(run.at(-1)!) === weekdays.indexOf(day) - 1) run.push(day)
    else runs.push([day])
  }
  const named = runs.map((run) => (run.length > 2 ? `${s.weekdays[run[0]!]}–${s.weekdays[run.at(-1)!]}` : run.map((day) => s.weekdays[day]).join(', ')))
  return `${named.join(', ')} ${hours.start}–${hours.end}`
}

/** `P1D` → `1 day`, `P2W` → `2 weeks`; other durations as written. */
function windowInWords(window: string): string {
  const match = /^P(\d+)([DW])$/.exec(window)
  if (!match) return window
  const n = Number(match[1])
  return match[2] === 'D' ? s.days_(n) : s.weeks_(n)
}

/** A cap across journeys in the screen's language: `at most 1 message in 1 day`. */
export function capInWords(cap: ContactPolicyView['caps'][number]): string {
  const what =
    cap.channels.length === 1 && cap.channels[0] === 'call' ? s.calls(cap.max) : cap.channels.includes('call') ? cap.channels.join(', ') : s.messages(cap.max)
  return s.cap(cap.max, what, windowInWords(cap.window))
}

/** Whether a journey's hours reach beyond the policy's (earlier, later, or on a day it leaves out). */
export function beyondPolicy(journey: { start: string; end: string; days?: string[] }, policy: ContactPolicyView['contactHours']): boolean {
  const days = journey.days ?? weekdays
  return journey.start < policy.start || journey.end > policy.end || days.some((day) => !policy.days.includes(day))
}
