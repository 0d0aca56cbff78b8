import {
  actionNames,
  journeyEvents,
  NONE_HANDLE,
  type ActParams,
  type DecideParams,
  type EnterParams,
  type ExitParams,
  type OfferParams,
  type ScheduleParams,
  type SendParams,
} from '@dunwell/journey'
import { resolveWaitDue, type DebtorPlace, type PlaceDefaults, type WaitRule } from '../policy'
import { memoize } from './memo'
import { makeOffer, offerTermsOfAction } from './offers'
import type { BatchRun } from './batch-run'
import { placeOf } from './case-facts'
import { evaluateExpression, toJsonValue } from './expressions'
import type { CompiledVersion } from './journey-cache'
import type { CaseRecord, EnrolmentRecord } from './records'
import { arrangementAtWait, markAnswered } from './promises-and-plans'
import { sendMessage } from './send-message'

const dueOfWait = memoize((wait: WaitRule, now: number, place: DebtorPlace, defaults: PlaceDefaults) =>
  resolveWaitDue(wait, new Date(now), place, defaults).getTime(),
)

export interface StepEvent {
  type: string
  data: Record<string, unknown>
}

export interface StepContext {
  enrolment: EnrolmentRecord
  record: CaseRecord
  version: CompiledVersion
  event: StepEvent
  now: number
  /** Events the engine feeds back to the machine once these actions are done (a message was sent, or not). */
  queue: StepEvent[]
}

/** The imperative shell: every effect a journey's transitions ask for is performed here, and only here. */
export async function performActions(run: BatchRun, context: StepContext, actions: { type: string; params?: unknown }[]): Promise<void> {
  const { enrolment, record, now } = context
  const audit = (kind: string, nodeId: string | null, detail: Record<string, unknown>) =>
    run.audit({ caseId: record.id, enrolmentId: enrolment.id, at: now, kind, nodeId, detail })

  for (const action of actions) {
    enrolment.steps++
    const type = action.type as (typeof actionNames)[keyof typeof actionNames]
    switch (type) {
      case actionNames.enter: {
        const params = action.params as EnterParams
        audit('entered', params.nodeId, { type: params.type })
        break
      }
      case actionNames.decide: {
        const params = action.params as DecideParams
        const nodeType = context.version.config.states[params.nodeId]?.meta?.nodeType
        if (nodeType === 'split') run.recordSplit(record.id, context.version.journeyId, params.nodeId, params.outcome, now)
        // The end of a promise or plan a wait took: met again, the wait waits for a new one.
        if (nodeType === 'await-arrangement' && params.outcome !== NONE_HANDLE) {
          const { data } = context.event
          markAnswered(run, record.id, data.arrangementId ?? data.promiseId ?? data.planId, enrolment.id, now)
        }
        audit('decided', params.nodeId, { outcome: params.outcome, label: params.label, conditions: run.deps.scope.takeDecisions(params.nodeId) })
        break
      }
      case actionNames.schedule: {
        const params = action.params as ScheduleParams
        if (params.arrangement) {
          // A promise or plan made before the step counts: no new one is awaited, and no timeout runs for it.
          const found = arrangementAtWait(run, record.id, enrolment)
          if (found?.outcome === 'active') {
            const { arrangement } = found
            audit('waiting', params.nodeId, { arrangement: arrangement.id, kind: arrangement.kind, due: arrangement.instalments.at(-1)?.dueDate ?? null })
            break
          }
          if (found) {
            context.queue.push({ type: journeyEvents[found.outcome](params.nodeId), data: { arrangementId: found.arrangement.id } })
            break
          }
        }
        const { defaultTimezone, defaultCountry } = run.deps.policy
        const due = dueOfWait(params.wait as WaitRule, now, placeOf(record, defaultTimezone), {
          defaultTimezone,
          ...(defaultCountry ? { defaultCountry } : {}),
        })
        run.addTimer({
          id: `${enrolment.id}/${enrolment.steps}`,
          enrolmentId: enrolment.id,
          caseId: record.id,
          nodeId: params.nodeId,
          kind: 'wake',
          dueAt: due,
        })
        audit('waiting', params.nodeId, { until: new Date(due).toISOString(), ...('event' in params.wait ? { event: params.wait.event } : {}) })
        break
      }
      case actionNames.cancel:
        run.cancelTimers(enrolment.id, (action.params as { nodeId: string }).nodeId)
        break
      case actionNames.send: {
        const params = action.params as SendParams
        const result = await sendMessage(run, context, params)
        if (result === 'sent') context.queue.push({ type: journeyEvents.sent(params.nodeId), data: {} })
        else if (result === 'failed') context.queue.push({ type: journeyEvents.failed(params.nodeId), data: {} })
        break
      }
      case actionNames.act:
        act(run, context, action.params as ActParams, audit)
        context.queue.push({ type: journeyEvents.done((action.params as ActParams).nodeId), data: {} })
        break
      case actionNames.offer: {
        const params = action.params as OfferParams
        const { validFor, ...terms } = params.offer
        const made = makeOffer(run, context, params.nodeId, terms, validFor)
        audit('offered', params.nodeId, { offer: params.offer, until: new Date(made.expiresAt).toISOString() })
        context.queue.push({ type: journeyEvents.done(params.nodeId), data: {} })
        break
      }
      case actionNames.exit: {
        const params = action.params as ExitParams
        enrolment.outcome = params.outcome
        enrolment.status = 'done'
        enrolment.endedAt = now
        audit('exited', params.nodeId, {
          outcome: params.outcome,
          ...(params.nodeId === null ? { reason: `goal met: ${context.version.journey.settings.goal ?? 'case.balance <= 0'}` } : {}),
        })
        break
      }
      default: {
        // Every action a compiled journey names is performed above: one added to actionNames without a case here is a
        // type error. XState's own actions (none in compiled journeys today) need nothing from us.
        const unperformed: never = type
        void unperformed
        break
      }
    }
  }
}

function act(
  run: BatchRun,
  context: StepContext,
  params: ActParams,
  audit: (kind: string, nodeId: string | null, detail: Record<string, unknown>) => void,
): void {
  const { record, enrolment, now, version } = context
  const changes: Record<string, unknown> = {}
  const errors: Record<string, string> = {}
  for (const [name, source] of Object.entries(params.set ?? {})) {
    try {
      changes[name] = toJsonValue(evaluateExpression(source, { ...run.deps.scope.facts, event: context.event }))
    } catch (error) {
      errors[name] = error instanceof Error ? error.message : String(error)
    }
  }
  let offered: string | undefined
  if (params.offer) {
    changes.offer = { ...params.offer, at: new Date(now).toISOString() }
    const terms = offerTermsOfAction(params.offer)
    if (terms) offered = new Date(makeOffer(run, context, params.nodeId, terms).expiresAt).toISOString()
  }
  if (Object.keys(changes).length > 0) {
    record.attributes = { ...record.attributes, ...changes }
    run.touchCase(record, now)
    run.refreshFacts(record, now)
  }
  if (params.webhook) {
    run.batch.outbox.push({
      id: `${enrolment.id}/${enrolment.steps}`,
      enrolmentId: enrolment.id,
      caseId: record.id,
      journeyId: version.journeyId,
      version: version.version,
      nodeId: params.nodeId,
      channel: 'webhook',
      template: params.webhook.name ?? null,
      locale: null,
      status: 'pending',
      reason: null,
      recipient: params.webhook.url,
      subject: null,
      html: null,
      text: JSON.stringify({ caseId: record.id, journey: version.journeyId, version: version.version, node: params.nodeId, at: new Date(now).toISOString() }),
      createdAt: now,
      sentAt: null,
    })
  }
  audit('action', params.nodeId, {
    set: changes,
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
    ...(params.webhook ? { webhook: params.webhook.name ?? params.webhook.url } : {}),
    ...(offered ? { offered: { until: offered } } : {}),
  })
}
