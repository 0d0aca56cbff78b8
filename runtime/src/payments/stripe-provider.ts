import Stripe from 'stripe'
import type { CheckoutRequest, PaymentProvider, PaymentProviderEvent, ReturnUrls, WebhookVerification } from './payment-provider'

export interface StripeProviderOptions {
  /** `sk_live_…` or `sk_test_…` (STRIPE_SECRET_KEY). */
  secretKey: string
  /** The endpoint's signing secret, `whsec_…` (STRIPE_WEBHOOK_SECRET). */
  webhookSecret: string
  /** Another API host, for tests: a local server speaking Stripe's protocol. */
  host?: string
  port?: number
  protocol?: 'http' | 'https'
  /** Where Checkout's pages are; Stripe's own unless a test server answers with others. */
  checkoutOrigin?: string
}

/** The languages Stripe Checkout speaks that the portal speaks too; others let Stripe choose. */
const checkoutLanguages = new Set(['de', 'en', 'fr', 'it', 'es', 'nl', 'pl'])

const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === 'string' ? value : value?.id)

/**
 * Stripe through its official SDK: Checkout Sessions for the redirect, `webhooks.constructEvent` for the webhook's
 * signature. The case travels as metadata on the session and its PaymentIntent; the PaymentIntent's id is the
 * payment's id, so the session's and the PaymentIntent's confirmation of one payment are one event.
 */
export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  if (!options.secretKey.startsWith('sk_') && !options.secretKey.startsWith('rk_')) throw new Error('STRIPE_SECRET_KEY must be a secret key (sk_…)')
  if (!options.webhookSecret) throw new Error('STRIPE_WEBHOOK_SECRET is needed: without it no payment can be confirmed')
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
  })

  /** The case a charge or dispute belongs to: its own metadata, else its PaymentIntent's. */
  async function caseOf(metadata: Record<string, string> | null | undefined, paymentIntent: string | undefined): Promise<string | undefined> {
    if (metadata?.caseId) return metadata.caseId
    if (!paymentIntent) return undefined
    return (await stripe.paymentIntents.retrieve(paymentIntent)).metadata.caseId
  }

  async function read(event: Stripe.Event): Promise<PaymentProviderEvent | string> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const session = event.data.object
        if (session.payment_status !== 'paid') return `the session is ${session.payment_status}: its payment is confirmed later`
        const caseId = session.metadata?.caseId ?? session.client_reference_id
        const providerPaymentId = idOf(session.payment_intent) ?? session.id
        if (!caseId || session.amount_total === null || !session.currency) return 'the session names no case or amount'
        return { type: 'payment.received', caseId, providerPaymentId, amountMinor: session.amount_total, currency: session.currency.toUpperCase() }
      }
      case 'payment_intent.succeeded': {
        const intent = event.data.object
        if (!intent.metadata.caseId) return 'the payment names no case'
        return {
          type: 'payment.received',
          caseId: intent.metadata.caseId,
          providerPaymentId: intent.id,
          amountMinor: intent.amount_received,
          currency: intent.currency.toUpperCase(),
        }
      }
      case 'charge.refunded': {
        const charge = event.data.object
        const paymentIntent = idOf(charge.payment_intent)
        const caseId = await caseOf(charge.metadata, paymentIntent)
        if (!caseId) return 'the charge names no case'
        // amount_refunded is the running total; the event's previous total (when Stripe sends it) gives this refund.
        const before = (event.data.previous_attributes as { amount_refunded?: number } | undefined)?.amount_refunded ?? 0
        const amountMinor = charge.amount_refunded - before
        if (!(amountMinor > 0)) return 'nothing more was refunded'
        return {
          type: 'payment.reversed',
          caseId,
          providerPaymentId: paymentIntent ?? charge.id,
          amountMinor,
          currency: charge.currency.toUpperCase(),
          reason: 'refund',
          reversalId: `${charge.id}/refunded/${charge.amount_refunded}`,
        }
      }
      case 'charge.dispute.created': {
        const dispute = event.data.object
        const paymentIntent = idOf(dispute.payment_intent)
        const caseId = await caseOf(dispute.metadata, paymentIntent)
        if (!caseId) return 'the dispute names no case'
        return {
          type: 'payment.reversed',
          caseId,
          providerPaymentId: paymentIntent ?? idOf(dispute.charge) ?? dispute.id,
          amountMinor: dispute.amount,
          currency: dispute.currency.toUpperCase(),
          reason: `dispute: ${dispute.reason}`,
          reversalId: `dispute/${dispute.id}`,
        }
      }
      default:
        return `${event.type} is not an event Dunwell acts on`
    }
  }

  return {
    name: 'stripe',
    checkoutOrigin: options.checkoutOrigin ?? 'https://checkout.stripe.com',
    async createCheckout(request: CheckoutRequest, returnUrls: ReturnUrls): Promise<string> {
      const language = request.language?.slice(0, 2).toLowerCase()
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amountMinor, product_data: { name: request.description } },
            },
          ],
          success_url: returnUrls.success,
          cancel_url: returnUrls.cancel,
          client_reference_id: request.caseId,
          metadata: { caseId: request.caseId },
          payment_intent_data: { metadata: { caseId: request.caseId } },
          ...(language && checkoutLanguages.has(language) ? { locale: language as Stripe.Checkout.SessionCreateParams.Locale } : {}),
        },
        // Stripe answers a request with a key it saw (24 hours) with the session it made then.
        { idempotencyKey: request.idempotencyKey },
      )
      if (!session.url) throw new Error('Stripe made a checkout session without a URL')
      return session.url
    },
    async verifyWebhook(rawBody: Buffer, headers: Headers): Promise<WebhookVerification> {
      const signature = headers.get('stripe-signature')
      if (!signature) return { ok: false, error: 'the Stripe-Signature header is missing' }
      let event: Stripe.Event
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret)
      } catch (error) {
        return { ok: false, error: `the signature does not verify: ${error instanceof Error ? error.message.split('\n')[0] : 'unknown'}` }
      }
      const read_ = await read(event)
      return typeof read_ === 'string' ? { ok: true, events: [], ignored: read_ } : { ok: true, events: [read_] }
    },
  }
}
