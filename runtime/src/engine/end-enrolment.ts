import type { BatchRun } from './batch-run'
import type { EnrolmentRecord } from './records'

/** Ends an enrolment where it is (a stop rule, or a journey of higher priority), with its outcome and why. */
export function endEnrolment(
  run: BatchRun,
  enrolment: EnrolmentRecord,
  outcome: string,
  now: number,
  detail: { reason: string; [key: string]: unknown },
): void {
  enrolment.status = 'done'
  enrolment.outcome = outcome
  enrolment.endedAt = now
  enrolment.updatedAt = now
  enrolment.outrankedBy = null
  run.batch.enrolments.set(enrolment.id, enrolment)
  run.batch.enrolmentsEnded.add(enrolment.id)
  run.audit({ caseId: enrolment.caseId, enrolmentId: enrolment.id, at: now, kind: 'exited', nodeId: enrolment.node, detail: { outcome, ...detail } })
}
