import type { ChannelAdapter } from './channel-adapter'
import { checkSignedPostOptions, postSignedJson, type SignedPostOptions } from './post-signed-json'

export interface HttpProviderOptions extends SignedPostOptions {
  channel: 'sms' | 'whatsapp'
  /** Sender id or number, when the provider does not fix it per account. */
  sender?: string
}

/** The JSON an SMS or WhatsApp provider receives. */
export interface HttpProviderPayload {
  /** The outbox id; delivery callbacks name it as `messageId`. */
  id: string
  channel: 'sms' | 'whatsapp'
  to: string
  from?: string
  text: string
  locale: string | null
}

/**
 * SMS and WhatsApp through any HTTPS provider (or a small relay in front of one) that accepts a signed JSON post and
 * honours `Idempotency-Key`.
 */
export function createHttpProviderAdapter(options: HttpProviderOptions): ChannelAdapter {
  checkSignedPostOptions(options, `${options.channel} provider`)
  return {
    provider: `HTTP provider ${new URL(options.url).origin}`,
    async send(message, { idempotencyKey }) {
      if (!message.recipient) return { ok: false, retryable: false, error: 'no phone number to send to' }
      if (!message.text) return { ok: false, retryable: false, error: `nothing to send: the ${options.channel} message has no text` }
      const payload: HttpProviderPayload = {
        id: message.id,
        channel: options.channel,
        to: message.recipient,
        ...(options.sender ? { from: options.sender } : {}),
        text: message.text,
        locale: message.locale,
      }
      return postSignedJson(options, payload, idempotencyKey)
    },
  }
}
