import type { PlanRules, PromiseRules } from '@dunwell/journey'
import { type Kysely, sql } from 'kysely'
import type { PortalLinkTarget, PortalOffer } from '../channels/links'
import type { Database } from '../db/database'
import { portalOffersOf } from '../engine/offers'
import type { OfferTerms } from '../engine/records'
import { toMinorUnits } from '../wire/money'

/** What a portal link offers the debtor now, beyond what is always there; amounts in minor units. */
export interface LinkOffer {
  /** The parts the link unlocks: its signed flags, less what its step's offer does not (or no longer) stand for. */
  parts: PortalOffer[]
  /** The smallest part a debtor may pay (minor units), when the offer says. */
  minPart?: number
  /** The plans the debtor may pick from; none without a stored offer of a plan. */
  plan?: PlanRules
  promise?: PromiseRules
  /** The step's offer ended: its parts are gone from the portal (the link itself may still work). */
  ended: boolean
}

/**
 * Whether the debtor may pay less than everything, and the least part (minor units): when the link offers paying in
 * part, with its minimum; and always while they keep a promise or plan, whose instalments they pay (no minimum).
 */
export function partPayment(offer: LinkOffer, keepingArrangement: boolean): { partial: boolean; minPart?: number } {
  if (keepingArrangement) return { partial: true }
  const partial = offer.parts.includes('partial')
  return partial && offer.minPart !== undefined ? { partial, minPart: offer.minPart } : { partial }
}

/**
 * The offer behind a portal link: the latest offer its message's enrolment made up to that message (the message is
 * the link's step). A link with flags but no stored offer (made before offers were stored) keeps its flags without
 * rules: paying in part without a minimum, a promise in the default window, no plan (a plan needs its rules).
 */
export async function readLinkOffer(db: Kysely<Database>, link: PortalLinkTarget, currency: string, now: number): Promise<LinkOffer> {
  const asFlagged: LinkOffer = { parts: link.offers.filter((part) => part !== 'plan'), ended: false }
  if (!link.step || link.offers.length === 0) return asFlagged
  const message = await db.selectFrom('outbox').select(['enrolment_id', 'created_at', 'case_id']).where('id', '=', link.step).executeTakeFirst()
  if (!message || message.case_id !== link.caseId) return asFlagged
  const row = await db
    .selectFrom('offers')
    .select(['terms', 'expires_at'])
    .where('enrolment_id', '=', message.enrolment_id)
    .where('made_at', '<=', Number(message.created_at))
    .orderBy('made_at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return asFlagged
  if (Number(row.expires_at) <= now) return { parts: [], ended: true }
  const terms = JSON.parse(row.terms) as OfferTerms
  const parts = portalOffersOf(terms).filter((part) => link.offers.includes(part))
  const min = parts.includes('partial') && terms.payInPart?.minAmount !== undefined ? toMinorUnits(terms.payInPart.minAmount, currency) : undefined
  return {
    parts,
    ...(typeof min === 'number' ? { minPart: min } : {}),
    ...(parts.includes('plan') && terms.plan ? { plan: terms.plan } : {}),
    ...(parts.includes('promise') && terms.promise ? { promise: terms.promise } : {}),
    ended: false,
  }
}
