export { recordingAdapter, type ChannelAdapter, type DeliveryResult, type OutgoingMessage } from './channel-adapter'
export { channelWiringLines } from './channel-wiring'
export { createSmtpAdapter, messageIdFor, type SmtpAdapter, type SmtpAdapterOptions } from './smtp-adapter'
export { smtpOptionsFromEnv } from './smtp-options-from-env'
export { createHttpProviderAdapter, type HttpProviderOptions, type HttpProviderPayload } from './http-provider-adapter'
export { createLetterWebhookAdapter, type LetterPayload } from './letter-webhook-adapter'
export { createWebhookAdapter, type WebhookAdapterOptions } from './webhook-adapter'
export { parseAllowList, refusedAddressReason, type AddressAllowList } from './outbound-address'
export type { SignedPostOptions } from './post-signed-json'
export { signPayload, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, type VerifySignatureInput } from './signature'
export { parseDeliveryCallback, deliveryCallbackSchema, type DeliveryCallback, type DeliveryCallbackResult } from './delivery-callback'
export { isOptOutReply } from './opt-out-reply'
export {
  createLinks,
  DEFAULT_LINK_TTL_DAYS,
  linkToken,
  portalLinkToken,
  portalOffers,
  portalUrl,
  readLinkToken,
  readPortalLinkToken,
  verifyLinkToken,
  type LinkPurpose,
  type PortalLinkReading,
  type PortalLinkTarget,
  type PortalOffer,
  type PortalStep,
  type LinkSecrets,
  type LinksOptions,
  type LinkTokenReading,
} from './links'
export { ensureOptOut, type OptOutMessage } from './ensure-opt-out'
export { publicUrlWarning } from './public-url-warning'
export { isAutomatedOpen, linkScanners } from './automated-open'
