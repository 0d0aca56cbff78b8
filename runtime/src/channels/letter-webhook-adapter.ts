import type { ChannelAdapter } from './channel-adapter'
import { checkSignedPostOptions, postSignedJson, type SignedPostOptions } from './post-signed-json'

/** The JSON a print provider receives. */
export interface LetterPayload {
  id: string
  /** The postal address, one line per line of the envelope window. */
  to: string
  html: string
  text: string | null
  locale: string | null
}

/** Letters to a print-and-mail provider, signed and classified like the SMS and WhatsApp provider posts. */
export function createLetterWebhookAdapter(options: SignedPostOptions): ChannelAdapter {
  checkSignedPostOptions(options, 'letter webhook')
  return {
    provider: `print provider ${new URL(options.url).origin}`,
    async send(message, { idempotencyKey }) {
      if (!message.recipient) return { ok: false, retryable: false, error: 'no postal address to send to' }
      if (!message.html) return { ok: false, retryable: false, error: 'nothing to print: the letter has no HTML' }
      const payload: LetterPayload = { id: message.id, to: message.recipient, html: message.html, text: message.text, locale: message.locale }
      return postSignedJson(options, payload, idempotencyKey)
    },
  }
}
