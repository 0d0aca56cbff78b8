import { createHash } from 'node:crypto'

/** What makes two checkout requests the same: one case, one amount, one submission of the form (or one link). */
export interface CheckoutIdentity {
  caseId: string
  amountMinor: number
  currency: string
  /** The pay-now form's submission id; a program posting without one is identified by its link token. */
  submission: string
}

/**
 * The `Idempotency-Key` a provider gets for a checkout: a double click or a retry of the same form is the same
 * request, and the provider answers it with the same session. A hash, so the key carries no case id.
 */
export function checkoutIdempotencyKey(identity: CheckoutIdentity): string {
  const digest = createHash('sha256')
    .update(['dunwell-checkout', identity.caseId, identity.currency, String(identity.amountMinor), identity.submission].join('\n'))
    .digest('base64url')
  return `dunwell-checkout-${digest.slice(0, 32)}`
}
