import { z } from 'zod'
import { isoDuration, nodeBase } from '../common'
import { describeDuration } from '../duration'
import type { PlanInterval } from '../money/instalment-schedule'
import { planRulesSchema, promiseRulesSchema } from '../money/plan-rules'
import { DEFAULT_HANDLE, defineNodeKind } from '../node-kind'

const majorAmount = z.number({ error: 'must be a number' }).finite('must be a number').positive('must be more than 0')

/**
 * What a journey step offers the debtor on the portal, besides what is always there (paying in full, bank transfer,
 * disputing, "I can't pay right now", preferences): paying in part, an instalment plan and a promise to pay, each
 * within the rules given here. Messages after the step carry it in their portal link; it lasts `validFor`.
 */
export const offerData = z
  .object({
    ...nodeBase,
    /** Paying in part; `minAmount` in major units (euros) of the case's currency. */
    payInPart: z.object({ minAmount: majorAmount.optional() }).strict().optional(),
    /** An instalment plan the debtor picks on the portal, within these rules. */
    plan: planRulesSchema.optional(),
    /** A promise to pay by a date within `maxDays`. */
    promise: promiseRulesSchema.optional(),
    /** How long the offer stands (ISO 8601 duration); 30 days when not set. */
    validFor: isoDuration.optional(),
  })
  .strict()
  .refine((data) => data.payInPart !== undefined || data.plan !== undefined || data.promise !== undefined, {
    message: 'offers nothing: offer paying in part, an instalment plan or a promise to pay',
  })

export type OfferData = z.infer<typeof offerData>

/** How long an offer stands when the step does not say. */
export const DEFAULT_OFFER_VALIDITY = 'P30D'

/** What an offer holds, in the order the portal shows it. */
export const offerParts = ['payInPart', 'plan', 'promise'] as const
export type OfferPart = (typeof offerParts)[number]

export const offer = defineNodeKind({
  type: 'offer',
  title: 'Offer',
  icon: 'hand-coins',
  help: 'Offer paying in part, an instalment plan or a promise to pay on the debtor’s portal',
  summary: (data) => {
    const parts = [
      data.payInPart ? 'pay in part' : undefined,
      data.plan ? `up to ${data.plan.maxCount} instalments` : undefined,
      data.promise ? `promise within ${data.promise.maxDays} days` : undefined,
    ].filter(Boolean)
    return `${parts.join(', ')} · for ${describeDuration(data.validFor ?? DEFAULT_OFFER_VALIDITY)}`
  },
  data: offerData,
  defaults: { plan: { minInstalment: 25, maxCount: 6, intervals: ['P1M'] }, promise: { maxDays: 14 } },
  handles: () => [{ id: DEFAULT_HANDLE, label: 'next' }],
  tone: 'action',
  holds: null,
  diff: {
    fields: {
      payInPart: 'paying in part',
      'payInPart.minAmount': 'smallest part',
      plan: 'instalment plan',
      'plan.minInstalment': 'smallest instalment',
      'plan.maxCount': 'most instalments',
      'plan.intervals': 'intervals',
      'plan.bands': 'balance bands',
      promise: 'promise to pay',
      'promise.maxDays': 'most days ahead',
      validFor: 'valid for',
    },
  },
  trace: { waiting: null, decided: null, passed: (data) => `Offers on the portal: ${describeOffer(data)}` },
  check: (data, checks) => {
    // Bands are read smallest balance first; two with the same top would make one of them dead.
    const tops = (data.plan?.bands ?? []).map((band) => band.upTo)
    return new Set(tops).size === tops.length ? [] : [checks.error('duplicate-band', 'two balance bands end at the same amount', ['plan', 'bands'])]
  },
})

const intervalWords: Record<PlanInterval, string> = { P1W: 'weekly', P2W: 'every two weeks', P1M: 'monthly' }

/** What an offer holds, in a sentence: `pay in part (at least 10), 2 to 6 instalments of at least 25, monthly, …`. */
export function describeOffer(data: OfferData): string {
  const parts = [
    data.payInPart ? `pay in part${data.payInPart.minAmount !== undefined ? ` (at least ${data.payInPart.minAmount})` : ''}` : undefined,
    data.plan
      ? `up to ${data.plan.maxCount} instalments of at least ${data.plan.minInstalment}, ${data.plan.intervals.map((interval) => intervalWords[interval]).join(' or ')}${
          data.plan.bands?.length ? ` (${data.plan.bands.length} balance ${data.plan.bands.length === 1 ? 'band' : 'bands'})` : ''
        }`
      : undefined,
    data.promise ? `a promise to pay within ${data.promise.maxDays} ${data.promise.maxDays === 1 ? 'day' : 'days'}` : undefined,
  ].filter(Boolean)
  return `${parts.join('; ')}; valid for ${describeDuration(data.validFor ?? DEFAULT_OFFER_VALIDITY)}`
}
