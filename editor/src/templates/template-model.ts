import { channels, type Channel, type Diagnostic, type Journey, type Template } from '@dunwell/journey'

export type { Channel }
export type TemplatePart = 'subject' | 'body'

export const channelTitles: Record<Channel, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp', letter: 'Letter', call: 'Call script' }
export const templateChannels: readonly Channel[] = channels

/** SMS and WhatsApp are counted in characters and parts; the others are written as markup. */
export const isTextMessage = (channel: Channel) => channel === 'sms' || channel === 'whatsapp'
/** Email (MJML) and letters render to HTML; the others to text. */
export const rendersHtml = (channel: Channel) => channel === 'email' || channel === 'letter'
export const editorLanguage = (channel: Channel) => (rendersHtml(channel) ? 'html' : 'plaintext')

/** The declared locales a template has no text for (its body, or its subject for email). */
export function missingLocales(template: Template, locales: string[]): string[] {
  return locales.filter((locale) => template.body[locale] === undefined || (template.channel === 'email' && template.subject?.[locale] === undefined))
}

/** The steps that send the template. */
export function stepsUsing(document: Journey, id: string): string[] {
  return document.nodes.filter((node) => (node.data as { template?: unknown }).template === id).map((node) => node.data.label ?? node.id)
}

/** The diagnostics about one template: `locale` picks those naming that locale, `null` those naming none. */
export function templateDiagnostics(diagnostics: Diagnostic[], id: string, locale?: string | null): Diagnostic[] {
  return diagnostics.filter((diagnostic) => {
    const [root, templateId, , at] = diagnostic.path
    if (root !== 'templates' || templateId !== id) return false
    if (locale === undefined) return true
    return locale === null ? at === undefined : at === locale
  })
}

/** A template id: lower case, digits and dashes, as the document's slugs. */
export const TEMPLATE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** A first draft in the default locale, so that a new template renders at once. */
export function starterTemplate(channel: Channel, locale: string, name?: string): Template {
  const greeting = 'Hello {{ debtor.firstName | default: "there" }},'
  const amount = '{{ case.balance | money }} is still open, due on {{ case.dueDate | local_date }}.'
  const base = name ? { channel, name } : { channel }
  switch (channel) {
    case 'email':
      return {
        ...base,
        subject: { [locale]: 'A reminder about your invoice' },
        body: {
          [locale]: `<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-text>${greeting}</mj-text>\n        <mj-text>${amount}</mj-text>\n        <mj-button href="{{ links.pay }}">Pay now</mj-button>\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>\n`,
        },
      }
    case 'letter':
      return { ...base, body: { [locale]: `<p>${greeting}</p>\n<p>${amount} You can pay at {{ links.pay }}.</p>\n<p>Kind regards<br>{{ sender.name }}</p>\n` } }
    default:
      return { ...base, body: { [locale]: `Hi {{ debtor.firstName | default: "there" }}, ${amount} Pay: {{ links.pay }}` } }
  }
}
