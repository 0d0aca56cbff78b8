import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { describe, expect, it, onTestFinished } from 'vitest'
import { portalLinkToken } from '../channels'
import { caseInput, offerThenText } from '../engine/testing'
import type { AppOptions } from '../http/app-types'
import { LINK_SECRET, portalPathOf, startApi, type TestApi } from '../http/testing'
import { startStripeProtocolServer } from '../payments/testing/stripe-protocol-server'
import { checkPhonePage, launchChromium, phoneTab, TINY_PNG } from './testing'

const token = (caseId: string) => portalLinkToken({ caseId, channel: 'sms' }, LINK_SECRET)
/** Where the screenshots go, to be looked at (one per page and language). */
const shots = process.env.PORTAL_SHOTS ?? '/tmp/portal-shots'
/** Where the plan pages' screenshots go. */
const offerShots = process.env.OFFER_SHOTS ?? '/tmp/offer-shots'
/** The smallest PDF a viewer opens. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

async function setup(payments?: NonNullable<AppOptions['payments']>) {
  const api = await startApi(payments ? { payments } : {})
  await api.expectStatus(200, 'PUT', '/api/settings/creditor', {
    body: { name: 'Stadtwerke Musterstadt', logo: TINY_PNG, primaryColor: '#0b5cad', bank: { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' } },
  })
  await api.expectStatus(201, 'PUT', '/api/cases/RE-2026-0042', {
    body: caseInput('RE-2026-0042', { debtor: { locale: 'de-DE', firstName: 'Anna' }, amountDue: 89.9, balance: 89.9, currency: 'EUR', dueDate: '2026-11-01' }),
  })
  await api.expectStatus(201, 'PUT', '/api/cases/INV-7', {
    body: caseInput('INV-7', { debtor: { locale: 'en-GB', firstName: 'Sam' }, amountDue: 250, balance: 120.5, currency: 'EUR', dueDate: '2026-10-15' }),
  })
  const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { api, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** A phone's browser tab in `locale`, and what it asked for and the CSP refused (both checked by the test). */
async function phone(locale: string) {
  const browser = await launchChromium()
  onTestFinished(() => browser.close())
  return phoneTab(browser, locale)
}

/** Every page: requests nothing but itself, no axe violations, fits a 360 px phone; a screenshot to look at. */
const check = (tab: Page, origin: string, name: string, requests: string[], folder = shots) => checkPhonePage(tab, { origin, name, requests, folder })

const rows = (api: TestApi, table: 'events' | 'case_holds' | 'tasks' | 'documents' | 'debtor_preferences') =>
  api.db.selectFrom(table).selectAll().execute() as Promise<Record<string, unknown>[]>

/** entry → offer (a plan within rules, a promise within 14 days) → SMS with the portal link → exit. */
const offering = offerThenText(
  'plan-offer',
  { plan: { minInstalment: 20, maxCount: 6, intervals: ['P1M', 'P2W'] }, promise: { maxDays: 14 } },
  { en: 'Pay or plan: {{ links.portal }}', de: 'Zahlen oder in Raten: {{ links.portal }}' },
)

describe('the debtor portal in Chromium on a phone', () => {
  it('shows what is owed and every option; promise, dispute with a PDF, hardship and preferences are stored; a tampered link changes nothing', async () => {
    mkdirSync(shots, { recursive: true })
    const { api, origin } = await setup()
    // A German phone (Accept-Language de-DE): the pages speak German; headless Chromium still draws its own date and
    // file controls in its built-in US English, whatever the locale.
    const { tab, requests, cspViolations } = await phone('de-DE')
    const de = `${origin}/portal/${token('RE-2026-0042')}`
    const en = `${origin}/portal/${token('INV-7')}`

    // The overview, in German: what, why, and the options.
    await tab.goto(de)
    expect(await tab.title()).toBe('Ihre offene Rechnung bei Stadtwerke Musterstadt')
    const overview = await tab.textContent('main')
    for (const part of [
      'RE-2026-0042',
      '1. November 2026',
      '89,90\u00a0€',
      'Per Überweisung bezahlen',
      'Ich kann gerade nicht zahlen',
      'Zahlungstermin zusagen',
    ])
      expect(overview).toContain(part)
    await check(tab, origin, 'overview-de', requests)
    await tab.goto(en)
    expect(await tab.textContent('main')).toContain('Paid so far')
    expect(await tab.textContent('main')).toContain('€129.50')
    await check(tab, origin, 'overview-en', requests)

    // Bank transfer with the GiroCode.
    await tab.goto(de)
    await tab.click('text=Per Überweisung bezahlen')
    expect(tab.url()).toBe(`${de}/transfer`)
    expect(await tab.textContent('main')).toContain('DE89 3704 0044 0532 0130 00')
    expect(await tab.getAttribute('svg', 'aria-label')).toBe('GiroCode für eine Überweisung von 89,90\u00a0€')
    await check(tab, origin, 'transfer-de', requests)

    // A promise to pay: a date too far is refused on the page, then a good one is stored as promise.made.
    await tab.goto(`${de}/promise`)
    await check(tab, origin, 'promise-de', requests)
    const last = await tab.getAttribute('#date', 'max')
    await tab.fill('#amount', '50,00')
    await tab.fill('#date', '2027-06-01')
    await tab.evaluate("document.querySelector('#date').removeAttribute('max')")
    await tab.click('button[type=submit]')
    expect(await tab.textContent('.error')).toContain('Bitte wählen Sie ein Datum')
    await check(tab, origin, 'promise-error-de', requests)
    await tab.fill('#date', last!)
    await tab.fill('#amount', '50,00')
    await tab.click('button[type=submit]')
    expect(await tab.title()).toBe('Danke für Ihre Zusage')
    await check(tab, origin, 'promise-done-de', requests)
    const promise = (await rows(api, 'events')).find((e) => e.type === 'promise.made')!
    expect(JSON.parse(promise.data as string)).toEqual({ amount: 50, date: last, via: 'portal' })

    // A dispute with a PDF: held, a task for an agent, the document downloadable only as an attachment.
    await tab.goto(`${de}/dispute`)
    await check(tab, origin, 'dispute-de', requests)
    await tab.fill('#reason', 'Ich habe am 3. November bar bezahlt <b>Quittung</b> anbei.')
    await tab.setInputFiles('#document', { name: 'quittung.pdf', mimeType: 'application/pdf', buffer: pdf })
    await tab.click('button[type=submit]')
    expect(await tab.title()).toBe('Danke, wir prüfen es')
    await check(tab, origin, 'dispute-done-de', requests)
    await api.advanceBy(1000)
    expect((await rows(api, 'case_holds')).map((h) => [h.case_id, h.kind])).toEqual([['RE-2026-0042', 'dispute']])
    const [disputeTask] = await rows(api, 'tasks')
    expect(disputeTask).toMatchObject({ case_id: 'RE-2026-0042', queue: 'disputes', status: 'open' })
    const dispute = JSON.parse((await rows(api, 'events')).find((e) => e.type === 'dispute.opened')!.data as string)
    expect(dispute.reason).toContain('<b>Quittung</b>')
    const download = await api.request('GET', `/api/cases/RE-2026-0042/documents/${dispute.documentId}`)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="doc_[0-9a-f]{32}\.pdf"$/)
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true)
    await tab.goto(de)
    expect(await tab.textContent('.note')).toContain('Wir prüfen')
    await check(tab, origin, 'overview-held-de', requests)

    // An HTML file named .pdf is no document.
    await tab.goto(`${de}/dispute`)
    await tab.fill('#reason', 'Noch einmal')
    await tab.setInputFiles('#document', { name: 'x.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script>') })
    await tab.click('button[type=submit]')
    expect(await tab.textContent('.error')).toContain('PDF-, JPEG- oder PNG-Datei')
    expect(await rows(api, 'documents')).toHaveLength(1)

    // Hardship, in English: held for the care team.
    await tab.goto(`${en}/hardship`)
    await check(tab, origin, 'hardship-en', requests)
    await tab.fill('#note', 'I lost my job last month.')
    await tab.click('button[type=submit]')
    expect(await tab.title()).toBe('Thank you for telling us')
    await check(tab, origin, 'hardship-done-en', requests)
    await api.advanceBy(1000)
    expect((await rows(api, 'case_holds')).find((h) => h.case_id === 'INV-7')?.kind).toBe('hardship')
    expect((await rows(api, 'tasks')).find((t) => t.case_id === 'INV-7')).toMatchObject({ queue: 'care', script: 'I lost my job last month.' })

    // Preferences: the German debtor chooses SMS in the evening, in English; the confirmation is in English already.
    await tab.goto(`${de}/preferences`)
    await check(tab, origin, 'preferences-de', requests)
    await tab.selectOption('#channel', 'sms')
    await tab.selectOption('#timeOfDay', 'evening')
    await tab.selectOption('#locale', 'en')
    await tab.click('text=Speichern')
    expect(await tab.title()).toBe('Your preferences are saved')
    expect(await rows(api, 'debtor_preferences')).toMatchObject([{ case_id: 'RE-2026-0042', channel: 'sms', time_of_day: 'evening', locale: 'en' }])
    const changed = (await rows(api, 'events')).find((e) => e.type === 'preferences.changed')!
    expect(JSON.parse(changed.data as string)).toEqual({ channel: 'sms', timeOfDay: 'evening', locale: 'en', via: 'portal' })
    // Opt-out per channel, from the same page (now in English).
    await tab.goto(`${de}/preferences`)
    await tab.click('text=Stop emails')
    expect(await tab.title()).toBe('You are unsubscribed')
    await api.advanceBy(1000)
    expect((await api.db.selectFrom('optouts').selectAll().execute()).map((o) => o.channel)).toEqual(['email'])

    // A tampered link: a clear page, and nothing changes, whatever is posted to it.
    const before = (await rows(api, 'events')).length
    const tampered = `${de.slice(0, -2)}${de.endsWith('AA') ? 'BB' : 'AA'}`
    const response = await tab.goto(tampered)
    expect(response?.status()).toBe(404)
    expect(await tab.title()).toBe('Dieser Link ist nicht gültig') // in the browser's language: a bad link names no debtor
    await check(tab, origin, 'tampered-link', requests)
    await tab.goto(`${en}/promise`)
    await tab.evaluate(`document.querySelector('form').action = ${JSON.stringify(`${tampered}/promise`)}`)
    await tab.click('button[type=submit]')
    expect(await tab.title()).toBe('Dieser Link ist nicht gültig') // in the browser's language: a bad link names no debtor
    // Another case's form key on this case's link: refused, nothing stored.
    await tab.goto(`${en}/promise`)
    await tab.evaluate(`document.querySelector('form').action = ${JSON.stringify(`${de}/promise`)}`)
    await tab.click('button[type=submit]')
    expect(await tab.title()).toBe('This form could not be sent')
    await check(tab, origin, 'form-refused-en', requests)
    expect((await rows(api, 'events')).length).toBe(before)
    expect(cspViolations).toEqual([])
  }, 120_000)

  it('pays a part through Stripe Checkout (a local server speaking its protocol): the webhook stores payment.received and the balance falls', async () => {
    mkdirSync(shots, { recursive: true })
    const stripe = await startStripeProtocolServer()
    onTestFinished(() => stripe.close())
    // The public address is the test server's, known once it listens; the portal reads it when a checkout starts.
    const payments = { provider: stripe.provider(), publicUrl: '' }
    const { api, origin } = await setup(payments)
    payments.publicUrl = origin
    const { tab, requests, cspViolations } = await phone('en-GB')
    const link = `${origin}/portal/${portalLinkToken({ caseId: 'INV-7', channel: 'email', step: 'reminders/INV-7/1/2', offers: ['partial'] }, LINK_SECRET)}`

    await tab.goto(link)
    expect(await tab.inputValue('#pay-amount')).toBe('120.50')
    await check(tab, origin, 'overview-pay-now-en', requests)
    await tab.fill('#pay-amount', '20.50')
    await tab.click('button[type=submit]')
    // On the checkout page: the form's redirect leads there (the portal's CSP names the provider's checkout, and only it).
    await tab.waitForURL(`${stripe.checkoutOrigin}/c/pay/cs_test_1`)
    requests.length = 0
    // What the portal asked Stripe for: the part, in cents, for this case, back to this link.
    const session = stripe.seen.find((request) => request.path === '/v1/checkout/sessions')!
    expect(session.form.get('line_items[0][price_data][unit_amount]')).toBe('2050')
    expect(session.form.get('success_url')).toBe(`${link}?checkout=done`)
    // Starting a checkout is no payment.
    expect((await rows(api, 'events')).filter((e) => e.type === 'payment.received')).toEqual([])

    // The debtor cancels once: nothing changes, and the portal says so calmly.
    await tab.click('text=Cancel')
    await tab.waitForURL(`${link}?checkout=cancelled`)
    expect(await tab.textContent('[role=status]')).toContain('Nothing was charged.')
    expect(await tab.textContent('.total')).toBe('€120.50')
    await check(tab, origin, 'checkout-cancelled-en', requests)

    // An amount that is none: a page says what is allowed, and nothing is started.
    await tab.fill('#pay-amount', 'ten')
    await tab.click('button[type=submit]')
    expect(await tab.title()).toBe('Please check the amount')
    expect(await tab.textContent('main')).toContain('at most €120.50')
    await check(tab, origin, 'checkout-amount-en', requests)
    expect(stripe.seen.filter((request) => request.path === '/v1/checkout/sessions')).toHaveLength(1)
    await tab.click('text=Back to the overview')

    // Then pays: Stripe confirms the payment through its signed webhook, over HTTP, as it would.
    await tab.fill('#pay-amount', '20.50')
    await tab.click('button[type=submit]')
    await tab.waitForURL(`${stripe.checkoutOrigin}/c/pay/cs_test_2`)
    requests.length = 0
    const hook = stripe.sessionCompleted('cs_test_2')
    const webhook = await fetch(`${origin}/payments/stripe/webhook`, {
      method: 'POST',
      body: hook.body,
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': hook.signature },
    })
    expect(webhook.status).toBe(200)
    const [paid] = (await rows(api, 'events')).filter((e) => e.type === 'payment.received')
    expect(paid).toMatchObject({ case_id: 'INV-7' })
    expect(JSON.parse(paid!.data as string)).toMatchObject({ amount: 20.5, provider: 'stripe', providerPaymentId: 'pi_test_2' })
    // The engine works the event off its queue on its (test) clock.
    await api.advanceBy(1000)
    expect((await api.expectStatus(200, 'GET', '/api/cases/INV-7')).balance).toBe(100)

    // Back from Stripe: thanks, and what is open now.
    await tab.click('text=Back after paying')
    await tab.waitForURL(`${link}?checkout=done`)
    expect(await tab.textContent('[role=status]')).toContain('Thank you for your payment')
    expect(await tab.textContent('.total')).toBe('€100.00')
    expect(await tab.inputValue('#pay-amount')).toBe('100.00')
    await check(tab, origin, 'checkout-done-en', requests)
    expect(cspViolations).toEqual([])
  }, 120_000)

  it('an offered plan, in German and English: choose, see the schedule, agree; refused choices and a link without the offer get a clear page', async () => {
    mkdirSync(offerShots, { recursive: true })
    const { api, origin } = await setup()
    await api.expectStatus(200, 'PUT', '/api/journeys/plan-offer/draft', { body: offering })
    await api.expectStatus(201, 'POST', '/api/journeys/plan-offer/publish')
    for (const id of ['RE-2026-0042', 'INV-7'])
      await api.expectStatus(202, 'POST', '/api/events', { body: { id: `overdue-${id}`, type: 'invoice.overdue', caseId: id } })
    await api.advanceBy(60_000)
    const de = `${origin}${await portalPathOf(api, 'RE-2026-0042')}`
    const en = `${origin}${await portalPathOf(api, 'INV-7')}`

    // German: the overview lists the plan; the debtor picks 3 fortnightly instalments from 30 November.
    const german = await phone('de-DE')
    await german.tab.goto(de)
    expect(await german.tab.textContent('main')).toContain('Verteilen Sie den offenen Betrag auf bis zu 4 Raten')
    await check(german.tab, origin, 'overview-offer-de', german.requests, offerShots)
    await german.tab.click('text=In Raten zahlen')
    expect(german.tab.url()).toBe(`${de}/plan`)
    await check(german.tab, origin, 'plan-de', german.requests, offerShots)
    await german.tab.selectOption('#count', '3')
    await german.tab.selectOption('#interval', 'P2W')
    await german.tab.fill('#first', '2026-11-30')
    await german.tab.click('text=Plan ansehen')
    expect(await german.tab.title()).toBe('Ihr Ratenplan')
    expect((await german.tab.textContent('tbody'))!.replace(/\s+/g, ' ')).toBe(
      '130. November 202629,96 €214. Dezember 202629,96 €328. Dezember 202629,98 €'.replace(/ €/g, '\u00a0€').replace(/\s+/g, ' '),
    )
    expect(await german.tab.textContent('tfoot')).toContain('89,90\u00a0€')
    await check(german.tab, origin, 'plan-preview-de', german.requests, offerShots)
    await german.tab.click('text=Diesem Plan zustimmen')
    expect(await german.tab.title()).toBe('Danke: Ihr Ratenplan ist vereinbart')
    await check(german.tab, origin, 'plan-done-de', german.requests, offerShots)
    const [agreed] = (await rows(api, 'events')).filter((e) => e.type === 'plan.agreed')
    expect(JSON.parse(agreed!.data as string)).toEqual({
      instalments: [
        { dueDate: '2026-11-30', amount: 29.96 },
        { dueDate: '2026-12-14', amount: 29.96 },
        { dueDate: '2026-12-28', amount: 29.98 },
      ],
      interval: 'P2W',
      via: 'portal',
    })
    expect(german.cspViolations).toEqual([])

    // English: 120.50 open; too many instalments is refused on the page, naming the most, then 6 monthly are agreed.
    const english = await phone('en-GB')
    await english.tab.goto(en)
    await english.tab.click('text=Pay in instalments')
    await check(english.tab, origin, 'plan-en', english.requests, offerShots)
    await english.tab.goto(`${en}/plan/preview?count=7&interval=P1W&first=2026-11-30`)
    expect(await english.tab.textContent('.error')).toContain('For this amount, at most 6 instalments are possible.')
    expect(await english.tab.textContent('.error')).toContain('Please choose how often: every month or every two weeks.')
    await check(english.tab, origin, 'plan-refused-en', english.requests, offerShots)
    await english.tab.selectOption('#count', '6')
    await english.tab.selectOption('#interval', 'P1M')
    await english.tab.fill('#first', '2026-12-01')
    await english.tab.click('text=Show the plan')
    expect(await english.tab.textContent('tfoot')).toContain('€120.50')
    expect(await english.tab.textContent('tbody')).toContain('1 May 2027')
    await check(english.tab, origin, 'plan-preview-en', english.requests, offerShots)
    await english.tab.click('text=Agree to this plan')
    expect(await english.tab.title()).toBe('Thank you: your instalment plan is agreed')
    await check(english.tab, origin, 'plan-done-en', english.requests, offerShots)
    await api.advanceBy(60_000)
    expect((await api.expectStatus(200, 'GET', '/api/cases/INV-7')).plans).toMatchObject([{ status: 'active', interval: 'P1M', total: 120.5 }])

    // A link without the offer: no plan page, in the debtor's language.
    const response = await english.tab.goto(`${origin}/portal/${token('INV-7')}/plan`)
    expect(response?.status()).toBe(404)
    expect(await english.tab.title()).toBe('No instalment plan here')
    await check(english.tab, origin, 'plan-not-offered-en', english.requests, offerShots)
    expect(english.cspViolations).toEqual([])
  }, 120_000)
})
