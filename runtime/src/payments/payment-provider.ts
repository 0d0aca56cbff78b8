/** What the portal asks a provider to take: an amount for a case, in the case's currency, in minor units. */
export interface CheckoutRequest {
  caseId: string
  /** Minor units (cents): exact. */
  amountMinor: number
  /** ISO 4217, as the case has it (`EUR`). */
  currency: string
  /** The debtor's language for the provider's page (`de`, `en`); the provider's own choice when absent. */
  language?: string
  /** What the provider's page says the payment is for; no personal data. */
  description: string
  /** The same for the same request (case, amount, form submission): the provider makes one checkout of it. */
  idempotencyKey: string
}

/** Where the provider sends the debtor back. */
export interface ReturnUrls {
  success: string
  cancel: string
}

/** A payment confirmed, or one returned, as the provider's signed webhook says it. Amounts in minor units. */
export type PaymentProviderEvent =
  | { type: 'payment.received'; caseId: string; providerPaymentId: string; amountMinor: number; currency: string }
  | {
      type: 'payment.reversed'
      caseId: string
      providerPaymentId: string
      amountMinor: number
      currency: string
      reason: string
      /** Names this reversal at the provider (one per refund or dispute), so a replayed webhook is one event. */
      reversalId: string
    }

export type WebhookVerification =
  | { ok: true; events: PaymentProviderEvent[]; ignored?: string }
  /** Signature missing, wrong or too old, or a body that does not parse: the route answers 400 and stores nothing. */
  | { ok: false; error: string }

/**
 * A payment provider behind the redirect/checkout pattern: the runtime sends the debtor to the provider's page, and
 * only the provider's signed webhook makes a payment (`payment.received`, idempotent by the provider's payment id).
 */
export interface PaymentProvider {
  /** The provider's name, in its webhook route (`/payments/stripe/webhook`) and in events' `provider`. */
  readonly name: string
  /** Where the provider's checkout pages live (`https://checkout.stripe.com`): the portal's pay-now form may lead there. */
  readonly checkoutOrigin: string
  /** Starts a checkout; resolves to the provider's page to redirect the debtor to. */
  createCheckout(request: CheckoutRequest, returnUrls: ReturnUrls): Promise<string>
  /** Checks a webhook's signature on the raw body and reads the events the runtime acts on (others are ignored). */
  verifyWebhook(rawBody: Buffer, headers: Headers): Promise<WebhookVerification>
}
