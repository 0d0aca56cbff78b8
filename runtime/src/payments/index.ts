export type { CheckoutRequest, PaymentProvider, PaymentProviderEvent, ReturnUrls, WebhookVerification } from './payment-provider'
export { createStripeProvider, type StripeProviderOptions } from './stripe-provider'
export { paymentProviderFromEnv, paymentWiringLine } from './providers-from-env'
