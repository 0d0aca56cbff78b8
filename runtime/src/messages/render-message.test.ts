import { readFileSync } from 'node:fs'
import { journeySchema, type Journey } from '@dunwell/journey'
import { describe, expect, it } from 'vitest'
import { createMessageRenderer, MessageRenderError, renderMessage, type MessageVariables, type RenderInput } from './index'
import { layoutMjml } from './layout-mjml'

const friendlyReminder = journeySchema.parse(JSON.parse(readFileSync(new URL('../../../examples/friendly-reminder/journey.json', import.meta.url), 'utf8')))

const hostileName = '<img src=x onerror=alert(1)>'

function variables(debtor: Record<string, unknown> = {}): MessageVariables {
  return {
    case: { balance: 84.5, currency: 'EUR', dueDate: '2025-03-01' },
    debtor: { firstName: 'Anna', lastName: 'Berger', timezone: 'Europe/Vienna', ...debtor },
    links: { pay: 'https://pay.example/c/123?a=1&b=2', optout: 'https://pay.example/optout/123' },
    sender: { name: 'Acme Energy' },
  }
}

function input(templateId: string, locale: string | undefined, overrides: Partial<RenderInput> = {}): RenderInput {
  return { journeyKey: 'friendly-reminder@1', journey: friendlyReminder, templateId, locale, variables: variables(), ...overrides }
}

/** A one-off journey around some templates; only settings and templates matter to rendering. */
function journeyWith(templates: Journey['templates']): Journey {
  return { ...friendlyReminder, id: 'inline', nodes: [], edges: [], templates }
}

const mjml = (content: string) => `<mjml><mj-body><mj-section><mj-column>${content}</mj-column></mj-section></mj-body></mjml>`

describe('renderMessage with the friendly-reminder example', () => {
  it("renders the email in the debtor's language, with subject, money and date of that locale", async () => {
    const message = await renderMessage(input('friendly-reminder', 'de-AT'))
    expect(message).toMatchObject({ channel: 'email', locale: 'de', subject: 'Eine kurze Erinnerung an Ihre Rechnung' })
    expect(message.html).toMatch(/^<!doctype html>/)
    expect(message.html).toMatch(/Hallo Anna,/)
    expect(message.html).toMatch(/84,50\s€ waren am 1\. März 2025 fällig/)
    expect(message.html).not.toMatch(/\{\{|\{%/)
  })

  it('writes English amounts and subject for en-GB', async () => {
    const message = await renderMessage(input('friendly-reminder', 'en-GB'))
    expect(message).toMatchObject({ locale: 'en', subject: 'A quick reminder about your invoice' })
    expect(message.html).toContain('€84.50 was due on March 1, 2025')
  })

  it("falls back to the journey's default locale", async () => {
    expect((await renderMessage(input('payment-link-sms', 'fr'))).locale).toBe('en')
    expect((await renderMessage(input('payment-link-sms', undefined))).locale).toBe('en')
  })

  it('puts the real payment link into the MJML button and the opt-out link into the text', async () => {
    const { html } = await renderMessage(input('friendly-reminder', 'en'))
    expect(html).toContain('href="https://pay.example/c/123?a=1&amp;b=2"')
    expect(html).toContain('<a href="https://pay.example/optout/123">Unsubscribe</a>')
  })

  it('gives the email a plain-text part with its links', async () => {
    const { text } = await renderMessage(input('friendly-reminder', 'en'))
    expect(text).toMatch(/^Hello Anna,\n\nthis is just a friendly reminder: €84\.50 was due/)
    expect(text).toContain('Pay now [https://pay.example/c/123?a=1&b=2]')
    expect(text).toMatch(/Unsubscribe\s\[https:\/\/pay\.example\/optout\/123\]/)
    expect(text).not.toMatch(/<|&amp;|mso/)
  })

  it('escapes HTML from a variable in email and letter, and leaves it as text in an SMS', async () => {
    const hostile = { variables: variables({ firstName: hostileName }) }
    const email = await renderMessage(input('friendly-reminder', 'en', hostile))
    const letter = await renderMessage(input('reminder-letter', 'en', hostile))
    const sms = await renderMessage(input('payment-link-sms', 'en', hostile))
    for (const html of [email.html, letter.html]) {
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
      expect(html).not.toContain('<img src=x')
    }
    expect(letter.text).toContain(`Dear ${hostileName} Berger`)
    expect(sms.text).toBe(`Hi ${hostileName}, €84.50 is still open. Pay in one tap: https://pay.example/c/123?a=1&b=2 Reply STOP to opt out.`)
    expect(sms.html).toBeUndefined()
  })

  it('never evaluates Liquid that arrives in a variable', async () => {
    const firstName = '{{ sender.name }}{% raw %}'
    const sms = await renderMessage(input('payment-link-sms', 'de', { variables: variables({ firstName }) }))
    expect(sms.text).toMatch(/^Hallo \{\{ sender\.name \}\}\{% raw %\}, 84,50\s€ sind noch offen/)
  })

  it('renders a letter as HTML with a text version', async () => {
    const letter = await renderMessage(input('reminder-letter', 'de'))
    expect(letter.html).toMatch(/^<p>Sehr geehrte\/r Anna Berger,<\/p>/)
    expect(letter.html).toContain('https://pay.example/c/123?a=1&amp;b=2')
    expect(letter.text).toMatch(/Mit freundlichen Grüßen\nAcme Energy$/)
  })

  it('names the template and locale when the template does not exist', async () => {
    const rendering = renderMessage(input('no-such-template', 'de-AT'))
    await expect(rendering).rejects.toThrow(MessageRenderError)
    await expect(rendering).rejects.toThrow('template "no-such-template" (locale de-AT): no such template in the journey')
  })
})

describe('renderMessage with inline templates', () => {
  const render = createMessageRenderer()
  let version = 0
  // Each call is a new journey version: caches trust that one key always means the same document.
  const inline = (templates: Journey['templates'], templateId: string, locale: string, debtor: Record<string, unknown> = {}) =>
    render({ journeyKey: `inline@${++version}`, journey: journeyWith(templates), templateId, locale, variables: variables(debtor) })

  it('renders a subject as one unescaped line', async () => {
    const templates = { t: { channel: 'email' as const, subject: { en: 'For {{ debtor.firstName }}\n' }, body: { en: mjml('<mj-text>x</mj-text>') } } }
    const message = await inline(templates, 't', 'en', { firstName: 'Tom & <Jerry>\r\nBcc: all@example.com' })
    expect(message.subject).toBe('For Tom & <Jerry> Bcc: all@example.com')
  })

  it("takes the subject in the body's locale, or falls back on its own", async () => {
    const body = { en: mjml('<mj-text>x</mj-text>'), de: mjml('<mj-text>x</mj-text>') }
    const both = await inline({ t: { channel: 'email', subject: { en: 'Hello', de: 'Hallo' }, body } }, 't', 'de-CH')
    expect(both.subject).toBe('Hallo')
    const englishOnly = await inline({ t2: { channel: 'email', subject: { en: 'Hello' }, body } }, 't2', 'de')
    expect(englishOnly).toMatchObject({ locale: 'de', subject: 'Hello' })
  })

  it('keeps Liquid between MJML sections, which MJML alone would drop', async () => {
    const body = `<mjml><mj-body>{% if debtor.vip %}<mj-section><mj-column><mj-text>Thank you for being a VIP</mj-text></mj-column></mj-section>{% endif %}<mj-section><mj-column><mj-text>Hello</mj-text></mj-column></mj-section></mj-body></mjml>`
    expect(await layoutMjml(body)).toContain('{% if debtor.vip %}')
    const templates = { t: { channel: 'email' as const, subject: { en: 's' }, body: { en: body } } }
    expect((await inline(templates, 't', 'en', { vip: true })).text).toBe('Thank you for being a VIP\n\nHello')
    expect((await inline(templates, 't', 'en', { vip: false })).text).toBe('Hello')
  })

  it('renders WhatsApp and call scripts as plain text', async () => {
    const templates = {
      wa: { channel: 'whatsapp' as const, body: { en: 'Hi {{ debtor.firstName }}: {{ case.balance | money }}' } },
      call: { channel: 'call' as const, body: { en: 'Ask {{ debtor.firstName }} about {{ case.balance | money }}.\n' } },
    }
    expect(await inline(templates, 'wa', 'en', { firstName: 'A&B' })).toEqual({ channel: 'whatsapp', locale: 'en', text: 'Hi A&B: €84.50' })
    expect(await inline(templates, 'call', 'en', { firstName: 'A&B' })).toEqual({ channel: 'call', locale: 'en', text: 'Ask A&B about €84.50.' })
  })

  it('names the template and locale when Liquid fails', async () => {
    const templates = { broken: { channel: 'sms' as const, body: { en: 'Hi {{ debtor.firstName | shout }}' } } }
    await expect(inline(templates, 'broken', 'en-US')).rejects.toThrow(/^template "broken" \(locale en\): undefined filter: shout/)
  })
})

describe('the MJML layout cache', () => {
  function countingRenderer() {
    const counter = { layouts: 0 }
    const render = createMessageRenderer({
      layout: (source) => {
        counter.layouts += 1
        return layoutMjml(source)
      },
    })
    return { counter, render }
  }

  it('lays an email out once per journey version, template and locale', async () => {
    const { counter, render } = countingRenderer()
    const first = await render(input('friendly-reminder', 'en'))
    const second = await render(input('friendly-reminder', 'en-GB', { variables: variables({ firstName: 'Ben' }) }))
    expect(counter.layouts).toBe(1)
    expect(first.html).toContain('Hello Anna,')
    expect(second.html).toContain('Hello Ben,')
    await render(input('friendly-reminder', 'de'))
    await render(input('friendly-reminder', 'en', { journeyKey: 'friendly-reminder@2' }))
    expect(counter.layouts).toBe(3)
  })

  it('lays out once for concurrent messages', async () => {
    const { counter, render } = countingRenderer()
    await Promise.all(Array.from({ length: 20 }, () => render(input('friendly-reminder', 'de'))))
    expect(counter.layouts).toBe(1)
  })

  it('tries again after a failed layout', async () => {
    let calls = 0
    const render = createMessageRenderer({ layout: async (source) => (++calls === 1 ? Promise.reject(new Error('MJML crashed')) : layoutMjml(source)) })
    await expect(render(input('friendly-reminder', 'en'))).rejects.toThrow('template "friendly-reminder" (locale en): MJML crashed')
    expect((await render(input('friendly-reminder', 'en'))).html).toContain('Hello Anna,')
  })

  it('evicts beyond its size', async () => {
    const counter = { layouts: 0 }
    const render = createMessageRenderer({ cacheSize: 1, layout: (source) => (counter.layouts++, layoutMjml(source)) })
    for (const locale of ['en', 'de', 'en']) await render(input('friendly-reminder', locale))
    expect(counter.layouts).toBe(3)
  })
})

describe('render errors', () => {
  it('name the variable and the template text at fault, never the value (it lands in the outbox and the trail)', async () => {
    const journey = journeyWith({ broken: { channel: 'sms', body: { en: 'Hi {% include debtor.lastName %}', de: 'Hallo' } } })
    const failed = await renderMessage(input('broken', 'en', { journey, journeyKey: 'inline@1' })).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(MessageRenderError)
    const { message } = failed as MessageRenderError
    expect(message).toContain('template "broken" (locale en)')
    expect(message).toContain('"[debtor.lastName]"')
    expect(message).toContain('(in {% include debtor.lastName %})')
    expect(message).not.toContain('Berger')
    expect((failed as Error).cause).toBeUndefined()
  })
})
