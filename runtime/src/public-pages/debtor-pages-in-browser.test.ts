import { createRequire } from 'node:module'
import { HtmlValidate } from 'html-validate'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { portalLinkToken } from '../channels'
import { caseInput, journey } from '../engine/testing'
import { LINK_SECRET, optoutToken, startApi, type TestApi } from '../http/testing'

const payToken = (caseId: string) => portalLinkToken({ caseId, channel: 'email' }, LINK_SECRET)

/** A journey written in German by default: a debtor without a locale of their own reads German. */
const german = journey({
  id: 'deutsch',
  nodes: { start: ['entry', { event: 'invoice.overdue' }], text: ['sms', { template: 'text' }], done: ['exit', { outcome: 'done' }] },
  edges: ['start>text', 'text>done'],
  settings: { locales: ['de'], defaultLocale: 'de' },
  templates: { text: { channel: 'sms', body: { de: 'Hallo {{ debtor.firstName | default: "there" }}' } } },
})

async function setup() {
  const api = await startApi()
  await api.expectStatus(200, 'PUT', '/api/journeys/deutsch/draft', { body: german })
  await api.expectStatus(201, 'POST', '/api/journeys/deutsch/publish')
  await api.expectStatus(201, 'PUT', '/api/cases/de-1', {
    body: caseInput('de-1', { debtor: { locale: 'de-AT' }, amountDue: 1234.5, currency: 'EUR', dueDate: '2026-10-31' }),
  })
  await api.expectStatus(201, 'PUT', '/api/cases/en-1', {
    body: caseInput('en-1', { debtor: { locale: 'en-GB' }, amountDue: 1234.5, currency: 'GBP', dueDate: '2026-10-31' }),
  })
  await api.expectStatus(201, 'PUT', '/api/cases/none-1', { body: caseInput('none-1', { without: ['locale'] }) })
  await api.expectStatus(201, 'PUT', '/api/cases/fr-1', { body: caseInput('fr-1', { debtor: { locale: 'fr' } }) })
  await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'o-none', type: 'invoice.overdue', caseId: 'none-1' } })
  await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'o-fr', type: 'invoice.overdue', caseId: 'fr-1' } })
  await api.advanceBy(60_000)
  return api
}

async function page(api: TestApi, method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}) {
  const response = await api.request(method, path, { as: null, headers })
  return { status: response.status, headers: response.headers, html: await response.text() }
}

describe('debtor pages, judged from outside', () => {
  it('follow debtor locale, journey default, English; are valid HTML; have no axe violations on a phone; request nothing', async () => {
    const api = await setup()
    const pages: Record<string, string> = {}

    const payDe = await page(api, 'GET', `/portal/${payToken('de-1')}`)
    expect(payDe.html).toContain('<html lang="de">')
    expect(payDe.html).toContain('<title>Ihre offene Rechnung</title>')
    expect(payDe.html).toMatch(/<dd class="total">€\s1\.234,50<\/dd>/) // as Austrians write it (de-DE: 1.234,50 €)
    expect(payDe.html).toContain('31. Oktober 2026')
    const payEn = await page(api, 'GET', `/portal/${payToken('en-1')}`)
    expect(payEn.html).toContain('<dd class="total">£1,234.50</dd>')
    expect(payEn.html).toContain('31 October 2026')
    Object.assign(pages, { payDe: payDe.html, payEn: payEn.html })

    // No locale of their own: the journey's default. French, for which there are no texts: the journey's default too.
    const none = await page(api, 'GET', `/optout/${optoutToken('none-1', 'sms')}`)
    expect(none.html).toContain('<html lang="de">')
    expect(none.html).toContain('Keine SMS mehr zu dieser Rechnung?')
    expect((await page(api, 'GET', `/optout/${optoutToken('fr-1', 'email')}`)).html).toContain('<html lang="de">')
    const askEn = await page(api, 'GET', `/optout/${optoutToken('en-1', 'email')}`)
    expect(askEn.html).toContain('Stop emails about this invoice?')
    const doneDe = await page(api, 'POST', `/optout/${optoutToken('de-1', 'email')}`)
    expect(doneDe.html).toContain('Sie erhalten von uns keine E-Mails mehr zu dieser Rechnung.')
    Object.assign(pages, { askDe: none.html, askEn: askEn.html, doneDe: doneDe.html })

    const invalidDe = await page(api, 'GET', '/pay/not-a-token', { 'accept-language': 'fr;q=0.9, de-CH;q=0.8, en;q=0.5' })
    expect(invalidDe.status).toBe(404)
    expect(invalidDe.html).toContain('<title>Dieser Link ist nicht gültig</title>')
    const invalidEn = await page(api, 'POST', '/optout/not-a-token')
    expect(invalidEn.status).toBe(404)
    expect(invalidEn.html).toContain('<html lang="en">')
    Object.assign(pages, { invalidDe: invalidDe.html, invalidEn: invalidEn.html })

    for (const { headers } of [payDe, none, invalidDe]) {
      expect(headers.get('content-security-policy')).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/,
      )
      expect(headers.get('referrer-policy')).toBe('no-referrer')
    }

    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })
    for (const [name, html] of Object.entries(pages)) {
      const report = await validator.validateString(html)
      expect(
        report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`)),
        name,
      ).toEqual([])
    }

    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    })
    try {
      const tab = await browser.newPage({ viewport: { width: 360, height: 640 } })
      const requests: string[] = []
      tab.on('request', (request) => requests.push(request.url()))
      for (const [name, html] of Object.entries(pages)) {
        await tab.setContent(html, { waitUntil: 'load' })
        // What the page asked for by itself, before axe's own script goes in.
        expect(
          requests.filter((url) => !/^(about|data):/.test(url)),
          name,
        ).toEqual([])
        await tab.addScriptTag({ path: axePath })
        // A string, evaluated in the page: this file is compiled without the DOM's types.
        const violations = await tab.evaluate<string[]>('axe.run().then((result) => result.violations.map((v) => `${v.id}: ${v.help}`))')
        expect(violations, name).toEqual([])
        expect(await tab.evaluate<number>('document.documentElement.scrollWidth'), `${name} fits a phone`).toBeLessThanOrEqual(360)
        requests.length = 0
      }
    } finally {
      await browser.close()
    }
  }, 60_000)
})
