import type { PaymentProvider } from './payment-provider'
import { createStripeProvider } from './stripe-provider'

/** The payment provider the environment configures (Stripe: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET), if any. */
export function paymentProviderFromEnv(env: Record<string, string | undefined>): PaymentProvider | undefined {
  const secretKey = env.STRIPE_SECRET_KEY
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET
  if (!secretKey && !webhookSecret) return undefined
  if (!secretKey || !webhookSecret) throw new Error('Stripe needs both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET')
  return createStripeProvider({ secretKey, webhookSecret })
}

/** The start's line for payments, like the channels' lines: which provider takes them, or that none does (no secrets). */
export function paymentWiringLine(provider: PaymentProvider | undefined, publicUrl: string): string {
  return provider
    ? `Payments: wired to ${provider.name} (its webhook: ${publicUrl}/payments/${provider.name}/webhook)`
    : 'Payments: not wired, the portal offers bank transfer only (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)'
}
