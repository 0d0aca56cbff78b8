import type { Channel, SendParams } from '@dunwell/journey'
import {
  effectiveContactHours,
  findNextAllowed,
  preferredHours,
  type PreferredHours,
  type ContactWindow,
  type NextAllowedOptions,
  type PublicHoliday,
} from '../policy'
import type { BatchRun } from './batch-run'
import { memoize } from './memo'
import { ensureOptOut } from '../channels/ensure-opt-out'
import { placeOf, templateFacts } from './case-facts'
import { countContact, gateContact } from './contact-gate'
import { portalOffersOf, standingOffer } from './offers'
import type { StepContext } from './perform-actions'
import type { CaseRecord, OutboxRecord } from './records'

const contactPoints: Record<Channel, { field: 'email' | 'phone' | 'address'; missing: string }> = {
  email: { field: 'email', missing: 'no email address for this debtor' },
  sms: { field: 'phone', missing: 'no phone number for this debtor' },
  whatsapp: { field: 'phone', missing: 'no phone number for this debtor' },
  call: { field: 'phone', missing: 'no phone number for this debtor' },
  letter: { field: 'address', missing: 'no postal address for this debtor' },
}

function recipientOf(record: CaseRecord, channel: Channel): string | undefined {
  const { debtor } = record
  const point = contactPoints[channel].field
  if (point === 'address') {
    const address = debtor.address
    return address ? [...address.lines, [address.postalCode, address.city].filter(Boolean).join(' '), address.country].join('\n') : undefined
  }
  return debtor[point]
}

const allowedFrom = memoize((now: number, place: ReturnType<typeof placeOf>, hours: ContactWindow, options: NextAllowedOptions) => {
  const next = findNextAllowed(new Date(now), place, hours, options)
  return { at: next.at.getTime(), holidays: next.holidays }
})

/** `Mariä Himmelfahrt (Assumption), 2026-08-15, DE-BY, only in parts: …` — which holiday, in the trail's reason. */
function describeHoliday(holiday: PublicHoliday): string {
  const name = holiday.nameEn ? `${holiday.name} (${holiday.nameEn})` : holiday.name
  const place = holiday.region ? `${holiday.country}-${holiday.region}` : holiday.country
  return `${name}, ${holiday.date}, ${place}${holiday.onlyIn ? `, a holiday only in parts: ${holiday.onlyIn.join('; ')}` : ''}`
}

/**
 * Whether, when and what to send for a channel step, within the contact policy: `sent` (queued in the outbox),
 * `failed` (suppressed, with the rule that stopped it) or `deferred` (a timer retries at the next allowed moment).
 */
export async function sendMessage(run: BatchRun, context: StepContext, params: SendParams): Promise<'sent' | 'failed' | 'deferred'> {
  const { enrolment, record, version, now } = context
  const { policy } = run.deps
  const outboxId = `${enrolment.id}/${enrolment.steps}`
  const base: OutboxRecord = {
    id: outboxId,
    enrolmentId: enrolment.id,
    caseId: record.id,
    journeyId: version.journeyId,
    version: version.version,
    nodeId: params.nodeId,
    channel: params.channel,
    template: params.template ?? null,
    locale: null,
    status: 'suppressed',
    reason: null,
    recipient: null,
    subject: null,
    html: null,
    text: null,
    createdAt: now,
    sentAt: null,
  }
  const audit = (detail: Record<string, unknown>) =>
    run.audit({
      caseId: record.id,
      enrolmentId: enrolment.id,
      at: now,
      kind: 'message',
      nodeId: params.nodeId,
      detail: { channel: params.channel, template: params.template ?? null, ...detail },
    })
  const suppress = (reason: string, detail: Record<string, unknown> = {}): 'failed' => {
    run.batch.outbox.push({ ...base, reason })
    audit({ status: 'suppressed', reason, outboxId, ...detail })
    return 'failed'
  }

  const optedOut = run.state.optedOut(record.id)
  if (optedOut.has(params.channel) || optedOut.has('all')) return suppress(`opted out of ${optedOut.has('all') ? 'all contact' : params.channel}`)
  const recipient = recipientOf(record, params.channel)
  if (!recipient) return suppress(contactPoints[params.channel].missing)
  // The policy's rules across journeys (caps, quiet periods) for where the debtor lives: suppressed, or deferred.
  const { rules, held } = gateContact(run, record, version.journeyId, params.channel, now)
  if (held?.onCap === 'suppress') return suppress(held.reason, held.detail)
  const earliest = Math.max(now, held?.allowedAt ?? now)
  let allowed = earliest
  let holidays: PublicHoliday[] = []
  let window = ''
  let preferred: PreferredHours['preference']
  if (policy.channelsWithHours.includes(params.channel)) {
    // The debtor's preferred time of day narrows the policy's and the journey's hours, and never closes them.
    const { hours, preference } = preferredHours(
      effectiveContactHours({ contactHours: rules.hours }, version.journey.settings.contactHours).hours,
      record.preferences?.timeOfDay,
    )
    preferred = preference
    const options: NextAllowedOptions = {
      holidays: policy.holidays,
      partialRegionalHolidays: policy.partialRegionalHolidays,
      defaultTimezone: policy.defaultTimezone,
      ...(policy.defaultCountry ? { defaultCountry: policy.defaultCountry } : {}),
    }
    ;({ at: allowed, holidays } = allowedFrom(earliest, placeOf(record, policy.defaultTimezone), hours, options))
    window = `${hours.start}–${hours.end} ${hours.days.join(' ')}${policy.holidays ? ', no public holidays' : ''}, debtor's local time`
  }
  if (allowed > now) {
    run.addTimer({
      id: `${enrolment.id}/${enrolment.steps}`,
      enrolmentId: enrolment.id,
      caseId: record.id,
      nodeId: params.nodeId,
      kind: 'deliver',
      dueAt: allowed,
    })
    const reason = held
      ? held.reason
      : holidays.length > 0
        ? `public holiday: ${holidays.map(describeHoliday).join('; ')} (${window})`
        : preferred?.applied
          ? `deferred to the debtor's preferred time of day (${window}; ${preferred.note})`
          : `outside contact hours (${window}${preferred ? `; ${preferred.note}` : ''})`
    audit({
      status: 'deferred',
      reason,
      until: new Date(allowed).toISOString(),
      ...(held?.detail ?? {}),
      ...(!held && holidays.length > 0 ? { holidays } : {}),
      ...(!held && preferred ? { preferredTimeOfDay: preferred.timeOfDay, preferenceApplied: preferred.applied } : {}),
    })
    return 'deferred'
  }

  let rendered: { locale: string; subject?: string; html?: string; text?: string } | undefined
  if (params.template) {
    // What the enrolment's latest offer holds, while it stands: the link unlocks those parts of the portal.
    const standing = standingOffer(run, enrolment.id, now)
    const offered = standing ? portalOffersOf(standing.terms) : []
    try {
      const facts = templateFacts(record, now, policy.defaultTimezone)
      rendered = await run.deps.render({
        journeyKey: version.key,
        journey: version.journey,
        templateId: params.template,
        locale: record.debtor.locale,
        ...(record.preferences?.locale ? { preferredLocale: record.preferences.locale } : {}),
        variables: {
          ...facts,
          event: { ...context.event },
          links: run.deps.links(record.id, params.channel, { id: outboxId, offers: offered }),
          sender: run.deps.sender,
        },
      })
    } catch (error) {
      return suppress(`could not render: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  // Regulation F §1006.6(e): every email and text carries a way to opt out, whatever the template says.
  if (rendered && (params.channel === 'email' || params.channel === 'sms' || params.channel === 'whatsapp')) {
    const optout = run.deps.links(record.id, params.channel).optout
    if (optout) rendered = ensureOptOut({ ...rendered, channel: params.channel }, optout)
  }
  const isCall = params.channel === 'call'
  run.batch.outbox.push({
    ...base,
    status: isCall ? 'sent' : 'pending',
    recipient,
    locale: rendered?.locale ?? null,
    subject: rendered?.subject ?? null,
    html: rendered?.html ?? null,
    text: rendered?.text ?? null,
    sentAt: isCall ? now : null,
  })
  if (isCall) {
    run.batch.tasks.push({
      id: outboxId,
      outboxId,
      caseId: record.id,
      enrolmentId: enrolment.id,
      queue: params.queue ?? 'default',
      priority: params.priority ?? 0,
      script: rendered?.text ?? null,
      createdAt: now,
    })
  }
  countContact(run, record, version.journeyId, params.channel, now)
  audit({ status: isCall ? 'task-created' : 'queued', outboxId, locale: rendered?.locale ?? null })
  return 'sent'
}
