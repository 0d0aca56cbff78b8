import type { BatchRun } from './batch-run'
import { endEnrolment } from './end-enrolment'
import { expressionFacts } from './case-facts'
import { evaluateExpression } from './expressions'
import { handBack } from './journey-priority'
import type { StepEvent } from './perform-actions'
import type { CaseRecord } from './records'

export const STOPPED = 'stopped'

/**
 * A journey's stop rules (`settings.stopOn`): an event of a rule's type, when its condition holds (CEL within the
 * engine's budgets, over `case`, `debtor` and `event`), ends the enrolment wherever it is, paused or not, with the
 * rule's outcome. A condition that cannot be evaluated counts as false, and the trail says why.
 */
export async function applyStopRules(run: BatchRun, record: CaseRecord, event: StepEvent, now: number): Promise<void> {
  for (const enrolment of run.state.enrolmentsOf(record.id)) {
    if (enrolment.status !== 'active' && enrolment.status !== 'paused') continue
    const rules = run.deps.journeys.get(enrolment.journeyId, enrolment.version)?.journey.settings.stopOn ?? []
    for (const rule of rules) {
      if (rule.event !== event.type) continue
      if (rule.when) {
        let holds = false
        try {
          holds = evaluateExpression(rule.when, { ...expressionFacts(record, now, run.deps.policy.defaultTimezone), event }) === true
        } catch (error) {
          run.audit({
            caseId: record.id,
            enrolmentId: enrolment.id,
            at: now,
            kind: 'stop-rule',
            nodeId: enrolment.node,
            detail: { event: rule.event, when: rule.when, error: error instanceof Error ? error.message : String(error) },
          })
        }
        if (!holds) continue
      }
      endEnrolment(run, enrolment, rule.outcome ?? STOPPED, now, { reason: `stop rule: ${rule.event}${rule.when ? ` when ${rule.when}` : ''}` })
      await handBack(run, enrolment, now)
      break
    }
  }
}
