import type { BatchRun } from './batch-run'
import { handBack } from './journey-priority'
import type { CaseRecord, EventRecord } from './records'

/**
 * Operator commands travel as events too, so that they are durable, ordered with everything else that happens to
 * a case, and in its audit trail. Only the engine creates them: `dunwell.*` is refused on the wire.
 */
export const controlEvents = {
  enrol: 'dunwell.enrol',
  pause: 'dunwell.pause',
  resume: 'dunwell.resume',
  stop: 'dunwell.stop',
} as const

export function isControlEvent(type: string): boolean {
  return type.startsWith('dunwell.') && Object.values(controlEvents).includes(type as never)
}

/** The trail's note that a case was not enrolled because the journey it names cannot take it. */
export function notEnrolled(run: BatchRun, record: CaseRecord, journeyId: unknown, reason: string, now: number): void {
  run.audit({ caseId: record.id, enrolmentId: null, at: now, kind: 'not-enrolled', nodeId: null, detail: { journey: journeyId, reason } })
}

export async function applyControlEvent(run: BatchRun, record: CaseRecord, event: EventRecord, now: number): Promise<void> {
  const journeyId = typeof event.data.journeyId === 'string' ? event.data.journeyId : undefined
  const reason = typeof event.data.reason === 'string' ? event.data.reason : 'operator'
  const enrolments = run.state.enrolmentsOf(record.id).filter((e) => journeyId === undefined || e.journeyId === journeyId)
  switch (event.type) {
    case controlEvents.enrol: {
      const version = journeyId ? [...run.deps.triggers().values()].flat().find((v) => v.journeyId === journeyId) : undefined
      if (!version) return notEnrolled(run, record, journeyId, 'the journey has no active published version', now)
      await run.enrol(record, version, { type: version.trigger.event, data: { manual: true } }, now)
      return
    }
    case controlEvents.pause:
      for (const enrolment of enrolments.filter((e) => e.status === 'active')) run.setPaused(enrolment, true, reason, now)
      return
    case controlEvents.resume:
      if (run.state.holdsOf(record.id).size > 0) {
        run.audit({
          caseId: record.id,
          enrolmentId: null,
          at: now,
          kind: 'not-resumed',
          nodeId: null,
          detail: { reason: `on hold (${[...run.state.holdsOf(record.id)].join(', ')})` },
        })
        return
      }
      for (const enrolment of enrolments.filter((e) => e.status === 'paused')) {
        // A journey of higher priority holds the case: the enrolment waits for that one to end.
        if (enrolment.outrankedBy) {
          run.audit({
            caseId: record.id,
            enrolmentId: enrolment.id,
            at: now,
            kind: 'not-resumed',
            nodeId: enrolment.node,
            detail: { reason: 'outranked', enrolment: enrolment.outrankedBy },
          })
          continue
        }
        run.setPaused(enrolment, false, reason, now)
        await run.step(enrolment, { type: 'dunwell.check', data: {} }, now)
      }
      return
    case controlEvents.stop:
      for (const enrolment of enrolments.filter((e) => e.status === 'active' || e.status === 'paused')) {
        enrolment.status = 'stopped'
        enrolment.endedAt = now
        enrolment.updatedAt = now
        run.batch.enrolments.set(enrolment.id, enrolment)
        run.batch.enrolmentsEnded.add(enrolment.id)
        run.audit({ caseId: record.id, enrolmentId: enrolment.id, at: now, kind: 'stopped', nodeId: enrolment.node, detail: { reason } })
        await handBack(run, enrolment, now)
      }
      return
  }
}
