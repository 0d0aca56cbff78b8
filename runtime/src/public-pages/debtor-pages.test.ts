import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { portalLinkToken } from '../channels'
import { publicUrlWarning } from '../channels/public-url-warning'
import { caseInput } from '../engine/testing'
import { LINK_SECRET, optoutToken, startApi } from '../http/testing'
import { debtorText } from '../i18n/debtor-text'
import { withMjmlLang, withTitle } from '../messages/email-head'

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })

async function expectValid(html: string) {
  const report = await validator.validateString(html)
  expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([])
}

describe('debtor texts', () => {
  it('follow the debtor locale, then the journey default, then English; amounts and dates in the locale', () => {
    expect(debtorText('de-AT', 'en').lang).toBe('de')
    expect(debtorText(undefined, 'de').lang).toBe('de')
    expect(debtorText('fr', 'de').lang).toBe('de')
    expect(debtorText('fr', null).lang).toBe('en')
    const de = debtorText('de-DE')
    expect(de.money(1234.5, 'EUR')).toBe('1.234,50\u00a0€')
    expect(de.date('2026-11-01')).toBe('1. November 2026')
    expect(debtorText('en-GB').date('2026-11-01')).toBe('1 November 2026')
  })
})

describe('debtor pages', () => {
  it('a German debtor gets German, valid pages with a strict CSP; a bad link is 404 in the browser language', async () => {
    const api = await startApi()
    await api.expectStatus(201, 'PUT', '/api/cases/c-de', { body: caseInput('c-de', { debtor: { locale: 'de-DE' }, amountDue: 1234.5 }) })

    const ask = await api.request('GET', `/optout/${optoutToken('c-de', 'email')}`, { as: null })
    expect(ask.status).toBe(200)
    const csp = ask.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('unsafe-inline')
    const askHtml = await ask.text()
    expect(askHtml).toContain('<html lang="de">')
    expect(askHtml).toContain('<title>Keine E-Mails mehr zu dieser Rechnung?</title>')
    expect(askHtml).toContain('name="viewport"')
    expect(askHtml).toContain('>Abmelden</button>')
    await expectValid(askHtml)

    const done = await api.request('POST', `/optout/${optoutToken('c-de', 'email')}`, { as: null })
    const doneHtml = await done.text()
    expect(doneHtml).toContain('Sie sind abgemeldet')
    await expectValid(doneHtml)

    const pay = await api.request('GET', `/portal/${portalLinkToken({ caseId: 'c-de', channel: 'email' }, LINK_SECRET, api.clock.now() + 86_400_000)}`, {
      as: null,
    })
    const payHtml = await pay.text()
    expect(payHtml).toContain('<dd class="total">1.234,50\u00a0€</dd>')
    expect(payHtml).toContain('1. November 2026')
    await expectValid(payHtml)
    expect(payHtml).not.toMatch(/(src|href)="https?:/) // no third-party requests

    const bad = await api.request('GET', '/pay/not-a-token', { as: null, headers: { 'accept-language': 'de-CH, en;q=0.5' } })
    expect(bad.status).toBe(404)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Dieser Link ist nicht gültig')
    await expectValid(badHtml)
    const badEn = await api.request('GET', '/optout/not-a-token', { as: null })
    expect(await badEn.text()).toContain('<html lang="en">')
  })
})

describe('email head', () => {
  it('sets <mjml lang> to the rendered locale and the subject as an escaped <title>', () => {
    expect(withMjmlLang('<mjml lang="und"><mj-body></mj-body></mjml>', 'de')).toBe('<mjml lang="de"><mj-body></mj-body></mjml>')
    expect(withTitle('<html><head><title></title></head></html>', 'Zahlung <offen> & fällig')).toBe(
      '<html><head><title>Zahlung &lt;offen&gt; &amp; fällig</title></head></html>',
    )
  })
})

describe('public URL warning', () => {
  it('warns for plain HTTP on a non-loopback host and says what to do; quiet for HTTPS and loopback', () => {
    expect(publicUrlWarning('http://pay.example.com')).toContain('DUNWELL_PUBLIC_URL=https://')
    expect(publicUrlWarning('https://pay.example.com')).toBeUndefined()
    expect(publicUrlWarning('http://127.0.0.1:8787')).toBeUndefined()
    expect(publicUrlWarning('http://localhost:8787')).toBeUndefined()
  })
})
