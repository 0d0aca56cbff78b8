import { arrangementEvents, DEFAULT_PAUSE_CONTACT } from '@dunwell/journey'
import type { BatchRun } from './batch-run'
import type { CompiledVersion } from './journey-cache'
import type { ArrangementRecord, CaseRecord, EnrolmentRecord } from './records'

/** The setting, as the trail names it. */
export const PAUSE_CONTACT_RULE = 'settings.promises.pauseContact'

const ends: ReadonlySet<string> = new Set([...arrangementEvents.kept, ...arrangementEvents.broken])

const pauses = (version: CompiledVersion) => version.journey.settings.promises?.pauseContact ?? DEFAULT_PAUSE_CONTACT

/** The case's active promise or plan that holds back this journey's messages, if the journey pauses for one. */
export function pausingArrangement(run: BatchRun, caseId: string, version: CompiledVersion): ArrangementRecord | undefined {
  if (!pauses(version)) return undefined
  return run.state.arrangementsOf(caseId).find((a) => a.status === 'active')
}

/** Why a message waits, in the trail's words: which promise or plan, and the setting that says so. */
export function pauseReason(arrangement: ArrangementRecord): { reason: string; detail: Record<string, unknown> } {
  const due = arrangement.instalments.find((i) => i.paid < i.amount)?.dueDate ?? arrangement.instalments.at(-1)?.dueDate
  const what = arrangement.kind === 'plan' ? 'an instalment plan' : 'a promise to pay'
  return {
    reason: `contact paused while ${what} is active (${arrangement.id}${due ? `, next due ${due}` : ''}): the journey's ${PAUSE_CONTACT_RULE}; it resumes if the ${arrangement.kind} is broken`,
    detail: { rule: PAUSE_CONTACT_RULE, arrangement: arrangement.id, kind: arrangement.kind },
  }
}

/**
 * A promise or plan ended (kept, completed or broken; the engine's event for it is being applied): the messages its
 * pause held back go out now, through the contact policy as any other (hours, caps, opt-outs). A kept one that paid
 * everything has ended the journey by its goal already; one that leaves something owed lets the journey go on.
 */
export async function resumePausedContact(
  run: BatchRun,
  record: CaseRecord,
  event: { type: string; data: Record<string, unknown> },
  now: number,
): Promise<void> {
  if (!ends.has(event.type)) return
  // The engine's own event names the arrangement that ended; one sent from outside about none changes nothing.
  const id = event.data.promiseId ?? event.data.planId
  if (!run.state.arrangementsOf(record.id).some((a) => a.id === id && a.status !== 'active' && a.status !== 'replaced')) return
  await retryPausedSends(run, record, run.state.enrolmentsOf(record.id), event.type, now)
}

/**
 * Sends again what enrolments resting at a message step of a pausing journey hold back, once nothing pauses them (no
 * active promise or plan, no hold): after a promise or plan ended, or a hold that came in between was released.
 */
export async function retryPausedSends(run: BatchRun, record: CaseRecord, enrolments: EnrolmentRecord[], reason: string, now: number): Promise<void> {
  if (run.state.holdsOf(record.id).size > 0 || run.state.arrangementsOf(record.id).some((a) => a.status === 'active')) return
  for (const enrolment of enrolments) {
    if (enrolment.status !== 'active') continue
    const version = run.deps.journeys.get(enrolment.journeyId, enrolment.version)
    const send = version?.sends.get(enrolment.node)
    // A case resting at a message step is deferred; one held back by hours or caps has a timer too, which then finds
    // the step done, or tries again at the moment the new attempt waits for.
    if (!version || !send || !pauses(version)) continue
    run.audit({ caseId: record.id, enrolmentId: enrolment.id, at: now, kind: 'resumed', nodeId: enrolment.node, detail: { reason, rule: PAUSE_CONTACT_RULE } })
    await run.step(enrolment, { type: 'dunwell.retry-send', data: {} }, now, { retrySend: send })
  }
}
