import { debtorText } from '../i18n/debtor-text'
import { emailFontStack } from '../messages/layout-mjml'

/** The parts of a message that carry an opt-out; `OutgoingMessage` and `RenderedMessage` both fit. */
export interface OptOutMessage {
  channel: string
  html?: string | null
  text?: string | null
  locale?: string | null
}

/** In the email's own font, and as wide and as far in as MJML's 600px body with its 25px column padding. */
const footerStyle = `max-width:550px;margin:0 auto;padding:16px 25px 24px;font-family:${emailFontStack.replace(/"/g, "'")};font-size:12px;line-height:1.4;color:#6b7280`

const stopWord = /(?<![\p{L}\p{N}])stopp?(?![\p{L}\p{N}])/iu

/**
 * Regulation F §1006.6(e): an email or text message must tell the debtor how to opt out of further ones. A template
 * that already does (the opt-out link, or STOP in a text) is left alone; otherwise a short line is added in the
 * message's language. Letters and calls are not electronic communications and pass unchanged.
 */
export function ensureOptOut<M extends OptOutMessage>(message: M, optoutUrl: string): M {
  // The message's locale is the one it was rendered in; the line follows it, from the same catalogue as the pages.
  const words = debtorText(message.locale).t.optOutLine
  if (message.channel === 'sms' || message.channel === 'whatsapp') {
    const text = message.text ?? ''
    if (stopWord.test(text) || text.includes(optoutUrl)) return message
    return { ...message, text: `${text.trimEnd()}${words.reply}`.trimStart() }
  }
  if (message.channel !== 'email') return message
  let { html, text } = message
  const link = escapeAttribute(optoutUrl)
  if (html && !html.includes(optoutUrl) && !html.includes(link)) {
    const footer = `<p style="${footerStyle}">${words.html(link)}</p>`
    const end = [...html.matchAll(/<\/body\s*>/gi)].at(-1)?.index ?? -1
    html = end === -1 ? html + footer : html.slice(0, end) + footer + html.slice(end)
  }
  // A missing text part is made from the HTML later, footer included.
  if (text && !text.includes(optoutUrl)) text = `${text.trimEnd()}\n\n${words.text(optoutUrl)}`
  return html === message.html && text === message.text ? message : { ...message, html, text }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
