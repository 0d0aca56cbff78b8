import type { Channel, Journey } from '@dunwell/journey'

/** The Liquid scope of a message; the caller builds it from the case, its debtor and the triggering event. */
export interface MessageVariables {
  case: Record<string, unknown>
  debtor: Record<string, unknown>
  event?: Record<string, unknown>
  links: { pay?: string; optout?: string; [k: string]: string | undefined }
  sender: { name: string; [k: string]: unknown }
}

export interface RenderInput {
  /** Identifies an immutable journey version (`friendly-reminder@3`); caches are keyed by it. */
  journeyKey: string
  /** Rendering reads the settings and templates only. */
  journey: Pick<Journey, 'settings' | 'templates'>
  templateId: string
  /** The debtor's locale (`de-AT`, `de`, `en`), if known. */
  locale: string | undefined
  /** The language the debtor chose (the portal's preference): wins over `locale` where the template is written in it. */
  preferredLocale?: string
  variables: MessageVariables
  /** `false` leaves out the plain-text part of email and letters (made later, from the HTML, by `htmlToPlainText`). */
  plainText?: boolean
}

export interface RenderedMessage {
  channel: Channel
  /** The locale the body was written in, after fallback. */
  locale: string
  /** One line, ready for a header. */
  subject?: string
  /** Email and letter only. */
  html?: string
  /** The message itself for SMS, WhatsApp and call scripts; the plain-text version of email and letter (absent when asked so). */
  text?: string
}
