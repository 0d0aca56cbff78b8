import { z } from 'zod'
import { isoDuration, nodeBase } from '../common'
import { describeDuration } from '../duration'
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
})
