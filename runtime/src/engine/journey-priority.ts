import { DEFAULT_PRIORITY_GROUP, type Priority } from '@dunwell/journey'
import type { BatchRun } from './batch-run'
import { endEnrolment } from './end-enrolment'
import type { CompiledVersion } from './journey-cache'
import type { EnrolmentRecord } from './records'

/*
 * Journey priority: within a group, a case is in one journey at a time (unless one of them runs `parallel`), the one
 * of lowest rank (1 first). A journey that comes first takes the case: one it outranks pauses until it ends (then
 * resumes where it was) or ends with outcome `outranked`, as that journey's `whenOutranked` says. A journey that would
 * start while one of the same or a better rank holds the case does not start (the trail says which journey holds it):
 * entering it later, when the other ends, would send a reminder meant for a moment that has passed.
 */
export const OUTRANKED = 'outranked'

interface Ranked {
  enrolment: EnrolmentRecord
  priority: Priority
  group: string
}

function exclusive(version: CompiledVersion | undefined): { priority: Priority; group: string } | undefined {
  const priority = version?.journey.settings.priority
  if (!priority || priority.parallel) return undefined
  return { priority, group: priority.group ?? DEFAULT_PRIORITY_GROUP }
}

/** Journeys in priority order (rank 1 first; those without a priority after, in their order). */
export function byPriority(a: CompiledVersion, b: CompiledVersion): number {
  return (a.journey.settings.priority?.rank ?? Number.POSITIVE_INFINITY) - (b.journey.settings.priority?.rank ?? Number.POSITIVE_INFINITY) || 0
}

const live = (enrolment: EnrolmentRecord) => enrolment.status === 'active' || enrolment.status === 'paused'

/** The case's other live enrolments in the same exclusive group as `version`. */
function rivals(run: BatchRun, caseId: string, version: CompiledVersion, except?: string): Ranked[] {
  const own = exclusive(version)
  if (!own) return []
  const found: Ranked[] = []
  for (const enrolment of run.state.enrolmentsOf(caseId)) {
    if (!live(enrolment) || enrolment.journeyId === version.journeyId || enrolment.id === except) continue
    const other = exclusive(run.deps.journeys.get(enrolment.journeyId, enrolment.version))
    if (other && other.group === own.group) found.push({ enrolment, ...other })
  }
  return found.sort((a, b) => a.priority.rank - b.priority.rank)
}

const describe = (ranked: Ranked) => `journey "${ranked.enrolment.journeyId}" (rank ${ranked.priority.rank} in group ${ranked.group})`

/** Why a journey may not take the case now: another of the same or a better rank holds it. */
export function heldByOtherJourney(run: BatchRun, caseId: string, version: CompiledVersion): { reason: string; journey: string } | undefined {
  const own = exclusive(version)
  const holder = own && rivals(run, caseId, version).find((r) => r.priority.rank <= own.priority.rank)
  if (!holder) return undefined
  return { reason: `${describe(holder)} holds the case`, journey: holder.enrolment.journeyId }
}

/** A journey took the case: the live enrolments it outranks pause or end, as each one's `whenOutranked` says. */
export async function takeOver(run: BatchRun, enrolment: EnrolmentRecord, version: CompiledVersion, now: number): Promise<void> {
  const own = exclusive(version)
  if (!own) return
  const taker: Ranked = { enrolment, ...own }
  for (const lower of rivals(run, enrolment.caseId, version, enrolment.id)) {
    // Already waiting for another journey of the group, which itself gives way: it keeps waiting for that one.
    if (lower.priority.rank <= own.priority.rank || lower.enrolment.outrankedBy) continue
    // One that ends hands on what waited for it (which now waits for the taker).
    if (yieldTo(run, lower, taker, now) === 'ended') await handBack(run, lower.enrolment, now)
  }
}

function yieldTo(run: BatchRun, lower: Ranked, higher: Ranked, now: number): 'ended' | 'paused' {
  const detail = { journey: higher.enrolment.journeyId, enrolment: higher.enrolment.id }
  if ((lower.priority.whenOutranked ?? 'pause') === 'end') {
    endEnrolment(run, lower.enrolment, OUTRANKED, now, { reason: `outranked by ${describe(higher)}`, ...detail })
    return 'ended'
  }
  lower.enrolment.outrankedBy = higher.enrolment.id
  const reason = `outranked by ${describe(higher)}`
  if (lower.enrolment.status === 'active') run.setPaused(lower.enrolment, true, reason, now, detail)
  else {
    // Paused already (a hold): it now waits for the other journey too.
    run.batch.enrolments.set(lower.enrolment.id, lower.enrolment)
    run.audit({
      caseId: lower.enrolment.caseId,
      enrolmentId: lower.enrolment.id,
      at: now,
      kind: 'paused',
      nodeId: lower.enrolment.node,
      detail: { reason, ...detail },
    })
  }
  return 'paused'
}

/**
 * An enrolment ended: those that waited for it resume where they were, unless another journey of the group still
 * outranks them (they wait for that one) or the case is on hold (the release resumes them).
 */
export async function handBack(run: BatchRun, ended: EnrolmentRecord, now: number): Promise<void> {
  for (const waiting of run.state.enrolmentsOf(ended.caseId)) {
    if (waiting.outrankedBy !== ended.id || waiting.status !== 'paused') continue
    waiting.outrankedBy = null
    run.batch.enrolments.set(waiting.id, waiting)
    const version = run.deps.journeys.get(waiting.journeyId, waiting.version)
    const own = exclusive(version)
    const higher =
      version && own
        ? rivals(run, waiting.caseId, version, waiting.id).find((r) => r.priority.rank < own.priority.rank && r.enrolment.status === 'active')
        : undefined
    if (higher && own) {
      if (yieldTo(run, { enrolment: waiting, ...own }, higher, now) === 'ended') await handBack(run, waiting, now)
      continue
    }
    if (run.state.holdsOf(waiting.caseId).size > 0) continue
    run.setPaused(waiting, false, `journey "${ended.journeyId}" ended`, now, { journey: ended.journeyId, enrolment: ended.id })
    await run.step(waiting, { type: 'dunwell.check', data: {} }, now)
  }
}
