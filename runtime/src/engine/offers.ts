import { type ActParams, DEFAULT_OFFER_VALIDITY, planIntervals, type PlanInterval } from '@dunwell/journey'
import { DateTime, Duration } from 'luxon'
import type { PortalOffer } from '../channels/links'
import type { BatchRun } from './batch-run'
import type { StepContext } from './perform-actions'
import type { OfferRecord, OfferTerms } from './records'

/**
 * What a journey step offers the debtor on the portal: stored when a case passes the step, it stands for its
 * `validFor`; the enrolment's messages after it carry its parts in their portal link while it stands, and the
 * portal reads its rules through the message's step. A later offer of the same enrolment replaces it.
 */

/**
 * Today's thin offer of an action step (`{type: 'payment-plan', installments, interval}`) as the offer it stands for:
 * a plan of at most `installments`, at its interval when the portal knows it (else monthly), of at least 1 a month.
 * A payment link offers nothing beyond what the portal always has.
 */
export function offerTermsOfAction(offer: NonNullable<ActParams['offer']>): OfferTerms | undefined {
  if (offer.type !== 'payment-plan') return undefined
  const interval: PlanInterval = (planIntervals as readonly string[]).includes(offer.interval) ? (offer.interval as PlanInterval) : 'P1M'
  return { plan: { minInstalment: 1, maxCount: offer.installments, intervals: [interval] } }
}

/** The moment an offer made at `madeAt` for `validFor` (ISO 8601, calendar-aware in UTC) ends. */
export function offerExpiry(madeAt: number, validFor: string = DEFAULT_OFFER_VALIDITY): number {
  const duration = Duration.fromISO(validFor)
  return DateTime.fromMillis(madeAt, { zone: 'utc' })
    .plus(duration.isValid ? duration : Duration.fromISO(DEFAULT_OFFER_VALIDITY))
    .toMillis()
}

/** The portal link's flags of an offer: its parts, in the link's words. */
export function portalOffersOf(terms: OfferTerms): PortalOffer[] {
  return [...(terms.payInPart ? ['partial' as const] : []), ...(terms.plan ? ['plan' as const] : []), ...(terms.promise ? ['promise' as const] : [])]
}

/** Stores what the step offers, standing from now, as part of the batch. */
export function makeOffer(run: BatchRun, context: StepContext, nodeId: string, terms: OfferTerms, validFor?: string): OfferRecord {
  const { enrolment, record, version, now } = context
  const offer: OfferRecord = {
    id: `${enrolment.id}/${enrolment.steps}`,
    enrolmentId: enrolment.id,
    caseId: record.id,
    journeyId: version.journeyId,
    version: version.version,
    nodeId,
    terms,
    madeAt: now,
    expiresAt: offerExpiry(now, validFor),
  }
  run.state.offersOf(enrolment.id).push(offer)
  run.batch.offers.push(offer)
  return offer
}

/** The enrolment's latest offer when it still stands at `now`; none when it ended (an older one does not come back). */
export function standingOffer(run: BatchRun, enrolmentId: string, now: number): OfferRecord | undefined {
  const latest = run.state.offersOf(enrolmentId).findLast((offer) => offer.madeAt <= now)
  return latest && latest.expiresAt > now ? latest : undefined
}
