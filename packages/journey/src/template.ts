import { z } from 'zod'
import { localeCode } from './common'
import { channels } from './nodes/channel'

/** Text per locale, e.g. `{"de": "Hallo", "en": "Hello"}`. */
export const localizedText = z.record(localeCode, z.string().max(100_000, 'must be at most 100,000 characters'))

export const templateSchema = z
  .object({
    channel: z.enum(channels),
    /** A name for people; the id is the key in `templates`. */
    name: z.string().max(120, 'must be at most 120 characters').optional(),
    /** Email subject per locale (Liquid). */
    subject: localizedText.optional(),
    /** Body per locale (Liquid): MJML for email, plain text for SMS and WhatsApp, HTML or text for letters and call scripts. */
    body: localizedText,
  })
  .strict()

export type Template = z.infer<typeof templateSchema>
export type LocalizedText = z.infer<typeof localizedText>
