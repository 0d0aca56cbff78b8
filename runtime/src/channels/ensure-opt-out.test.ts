import { describe, expect, it } from 'vitest'
import { emailFontStack } from '../messages/layout-mjml'
import { ensureOptOut } from './index'

const url = 'https://pay.acme.test/optout/T0k3n?a=1&b=2'

describe('ensureOptOut for SMS and WhatsApp', () => {
  it('adds the STOP line in English and the STOPP line in German', () => {
    expect(ensureOptOut({ channel: 'sms', text: 'Still €84.50 open: https://pay.acme.test/pay/x', locale: 'en' }, url).text).toBe(
      'Still €84.50 open: https://pay.acme.test/pay/x Reply STOP to opt out.',
    )
    expect(ensureOptOut({ channel: 'whatsapp', text: 'Noch 84,50 € offen. ', locale: 'de-AT' }, url).text).toBe(
      'Noch 84,50 € offen. Antworten Sie STOPP zum Abmelden.',
    )
    expect(ensureOptOut({ channel: 'sms', text: 'Hi', locale: null }, url).text).toBe('Hi Reply STOP to opt out.')
  })

  it('leaves a text alone that already says STOP (any case) or carries the opt-out link', () => {
    for (const text of ['Pay now. Reply stop to end texts.', 'Zahlen Sie jetzt. STOPP = Abmelden', `Abmelden: ${url}`]) {
      const message = { channel: 'sms', text, locale: 'de' }
      expect(ensureOptOut(message, url)).toBe(message)
    }
  })

  it('does not take STOP inside another word for an opt-out instruction', () => {
    expect(ensureOptOut({ channel: 'sms', text: 'Nonstop service', locale: 'en' }, url).text).toBe('Nonstop service Reply STOP to opt out.')
  })
})

describe('ensureOptOut for email', () => {
  const html = '<!doctype html><html><body><div>Hello Anna</div></body></html>'

  it('puts an English footer with the link before </body> and the URL under the text', () => {
    const result = ensureOptOut({ channel: 'email', html, text: 'Hello Anna\n', locale: 'en-GB' }, url)
    expect(result.html).toMatch(
      /<div>Hello Anna<\/div><p [^>]*>To stop receiving emails from us at this address, <a href="https:\/\/pay\.acme\.test\/optout\/T0k3n\?a=1&amp;b=2">unsubscribe here<\/a>\.<\/p><\/body><\/html>$/,
    )
    expect(result.text).toBe(`Hello Anna\n\nTo stop receiving emails from us at this address, unsubscribe here: ${url}`)
  })

  it('sets the footer in the emails’ own font, aligned with their text', () => {
    const footer = /<p style="([^"]*)">To stop/.exec(ensureOptOut({ channel: 'email', html, text: null, locale: 'en' }, url).html!)
    expect(footer?.[1]).toContain(`font-family:${emailFontStack}`)
    expect(footer?.[1]).toContain('padding:16px 25px 24px')
    expect(footer?.[1]).toContain('margin:0 auto')
  })

  it('writes the footer in German for a German message', () => {
    const result = ensureOptOut({ channel: 'email', html, text: 'Hallo Anna', locale: 'de' }, url)
    expect(result.html).toContain(
      'Wenn Sie von uns keine E-Mails mehr an diese Adresse erhalten möchten, <a href="https://pay.acme.test/optout/T0k3n?a=1&amp;b=2">melden Sie sich hier ab</a>.</p></body>',
    )
    expect(result.text).toContain(`melden Sie sich hier ab: ${url}`)
  })

  it('appends to HTML without a body element, and leaves a missing text part missing', () => {
    const result = ensureOptOut({ channel: 'email', html: '<p>Hi</p>', text: null, locale: 'en' }, url)
    expect(result.html).toMatch(/^<p>Hi<\/p><p [^>]*>.*unsubscribe here<\/a>\.<\/p>$/)
    expect(result.text).toBeNull()
  })

  it('leaves an email alone whose template already links the opt-out (raw or HTML-escaped)', () => {
    const escaped = { channel: 'email', html: `<body><a href="${url.replace('&', '&amp;')}">Abmelden</a></body>`, text: `Abmelden: ${url}`, locale: 'de' }
    expect(ensureOptOut(escaped, url)).toBe(escaped)
    const raw = { channel: 'email', html: `<a href="${url}">Unsubscribe</a>`, text: `Unsubscribe: ${url}`, locale: 'en' }
    expect(ensureOptOut(raw, url)).toBe(raw)
  })

  it('does not touch letters or call scripts', () => {
    const letter = { channel: 'letter', html, text: 'Hello', locale: 'en' }
    expect(ensureOptOut(letter, url)).toBe(letter)
    const call = { channel: 'call', text: 'Ask about the payment', locale: 'en' }
    expect(ensureOptOut(call, url)).toBe(call)
  })
})
