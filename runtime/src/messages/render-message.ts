import { liquidEngines, renderWithinBudget, type Channel, type Template } from '@dunwell/journey'
import type { Template as LiquidTemplate } from 'liquidjs'
import { chooseLocale } from './choose-locale'
import { withMjmlLang, withTitle } from './email-head'
import { htmlTemplateToPlainText } from './html-to-plain-text'
import { layoutMjml } from './layout-mjml'
import { LruCache } from './lru-cache'
import { MessageRenderError } from './message-render-error'
import { namedValues, redact } from '../privacy/redact'
import { neutraliseUnsafeUrls } from './safe-urls'
import type { RenderedMessage, RenderInput } from './types'

export { chooseLocale } from './choose-locale'
export type { MessageVariables, RenderedMessage, RenderInput } from './types'

type BodyFormat = 'mjml' | 'html' | 'text'

/** How each channel's body is written; a new channel without an entry fails to type-check. */
const bodyFormats: Record<Channel, BodyFormat> = { email: 'mjml', letter: 'html', sms: 'text', whatsapp: 'text', call: 'text' }

export interface MessageRendererOptions {
  /** MJML to HTML; the default is MJML itself. Tests pass a counting wrapper. */
  layout?: (mjml: string) => Promise<string>
  /** Entries in each cache (laid-out emails, parsed Liquid); default 500. */
  cacheSize?: number
}

export type MessageRenderer = (input: RenderInput) => Promise<RenderedMessage>

type Scope = RenderInput['variables'] & { locale: string }

/** An HTML body parsed twice, once per part: the plain text is made from the template, not from every message. */
interface Parsed {
  html: LiquidTemplate[]
  text: LiquidTemplate[]
}

/** Conditionals that rendered nothing leave blank lines behind: at most one blank line between paragraphs. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function parseHtmlBody(html: string): Parsed {
  return { html: liquidEngines.html.parse(html), text: liquidEngines.text.parse(htmlTemplateToPlainText(html)) }
}

/** A header is one line: newlines and other control characters from the text or a variable become a space. */
function oneLine(text: string): string {
  return text.replace(/\s*[\u0000-\u001f\u007f\u0085\u2028\u2029]+\s*/g, ' ').trim()
}

/**
 * Why a render failed, naming the variable and never its value: Liquid quotes what it looked up (`Failed to lookup
 * "Schmidt"`), and the reason lands in the outbox and the audit trail. The template text at fault is the author's.
 */
function reason(error: unknown, scope: Scope): string {
  const message = error instanceof Error ? error.message : String(error)
  const first = redact(message.split('\n')[0] ?? message, namedValues(scope, ''))
  const token = (error as { token?: { getText?: () => unknown } }).token
  const source = typeof token?.getText === 'function' ? String(token.getText()) : ''
  return source && source.length <= 200 && !first.includes(source) ? `${first} (in ${redact(source, namedValues(scope, ''))})` : first
}

/** Body locales in the journey's own order first, so that "another variant of the language" is deterministic. */
function bodyLocales(template: Template, journeyLocales: string[]): string[] {
  const available = Object.keys(template.body)
  return [...journeyLocales.filter((locale) => available.includes(locale)), ...available.filter((locale) => !journeyLocales.includes(locale))]
}

/**
 * A renderer with its own caches. Emails are laid out by MJML once per journey version, template and locale,
 * and the resulting HTML is parsed as Liquid once; each message then only runs Liquid on it.
 */
export function createMessageRenderer(options: MessageRendererOptions = {}): MessageRenderer {
  const layout = options.layout ?? layoutMjml
  const capacity = options.cacheSize ?? 500
  const emailBodies = new LruCache<string, Promise<Parsed>>(capacity)
  const htmlBodies = new LruCache<string, Parsed>(capacity)
  const parsedTexts = new LruCache<string, LiquidTemplate[]>(capacity)

  function laidOutEmail(key: string, mjml: string): Promise<Parsed> {
    let body = emailBodies.get(key)
    if (!body) {
      body = layout(mjml).then(parseHtmlBody)
      // A failed layout is not kept: the next message tries again and reports its own error.
      body.catch(() => emailBodies.delete(key))
      emailBodies.set(key, body)
    }
    return body
  }

  function parsed(engine: 'html' | 'text', key: string, source: string): LiquidTemplate[] {
    const cacheKey = `${engine}\u0000${key}`
    let templates = parsedTexts.get(cacheKey)
    if (!templates) {
      templates = liquidEngines[engine].parse(source)
      parsedTexts.set(cacheKey, templates)
    }
    return templates
  }

  function htmlBody(key: string, source: string): Parsed {
    let body = htmlBodies.get(key)
    if (!body) {
      body = parseHtmlBody(source)
      htmlBodies.set(key, body)
    }
    return body
  }

  // Every filter is synchronous: rendering needs no promise per tag. The budget bounds output and loops.
  async function render(engine: 'html' | 'text', templates: LiquidTemplate[], scope: Scope): Promise<string> {
    return renderWithinBudget(liquidEngines[engine], templates, scope)
  }

  const renderBody: Record<BodyFormat, (key: string, source: string, scope: Scope, plainText: boolean) => Promise<{ html?: string; text?: string }>> = {
    async mjml(key, source, scope, plainText) {
      // The key holds the locale, so one layout per language carries its own `lang`.
      const body = await laidOutEmail(key, withMjmlLang(source, scope.locale))
      const html = await render('html', body.html, scope)
      return plainText ? { html, text: tidy(await render('text', body.text, scope)) } : { html }
    },
    async html(key, source, scope, plainText) {
      const body = htmlBody(key, source)
      const html = await render('html', body.html, scope)
      return plainText ? { html, text: tidy(await render('text', body.text, scope)) } : { html }
    },
    async text(key, source, scope) {
      return { text: (await render('text', parsed('text', key, source), scope)).trim() }
    },
  }

  return async function renderMessage(input: RenderInput): Promise<RenderedMessage> {
    const { journey, journeyKey, templateId } = input
    const { defaultLocale, locales } = journey.settings
    const template = Object.hasOwn(journey.templates, templateId) ? journey.templates[templateId] : undefined
    if (!template) throw new MessageRenderError(templateId, input.locale ?? defaultLocale, 'no such template in the journey')

    const locale = chooseLocale(bodyLocales(template, locales), input.locale, defaultLocale, input.preferredLocale)
    const body = template.body[locale]
    if (body === undefined) throw new MessageRenderError(templateId, locale, `the template has no body in ${locale}`)
    const key = `${journeyKey}\u0000${templateId}\u0000${locale}`
    const scope: Scope = { ...input.variables, locale }

    try {
      const message: RenderedMessage = {
        channel: template.channel,
        locale,
        ...(await renderBody[bodyFormats[template.channel]](`body\u0000${key}`, body, scope, input.plainText !== false)),
      }
      if (template.subject) {
        const subjectLocale = template.subject[locale] !== undefined ? locale : chooseLocale(Object.keys(template.subject), locale, defaultLocale)
        const subject = template.subject[subjectLocale]
        if (subject !== undefined) {
          const subjectKey = `subject\u0000${journeyKey}\u0000${templateId}\u0000${subjectLocale}`
          message.subject = oneLine(await render('text', parsed('text', subjectKey, subject), scope))
        }
      }
      if (template.channel === 'email' && message.html) message.html = withTitle(message.html, message.subject ?? '')
      if (message.html) message.html = neutraliseUnsafeUrls(message.html)
      return message
    } catch (error) {
      // Not the cause: its message quotes the value.
      throw new MessageRenderError(templateId, locale, reason(error, scope))
    }
  }
}

const shared = createMessageRenderer()

/** Renders with the renderer (and caches) shared by the whole process. */
export async function renderMessage(input: RenderInput): Promise<RenderedMessage> {
  return shared(input)
}
